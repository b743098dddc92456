"use client";

import { Button } from "@/components/ui";

export function PrintButton({ label = "Print poster" }: { label?: string }) {
  return (
    <Button type="button" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
