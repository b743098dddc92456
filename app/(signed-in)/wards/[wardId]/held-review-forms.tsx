"use client";

import { discardHeldAction, releaseHeldAction } from "./held-actions";
import { ButtonForm, useFormAction } from "@/components/form";

const REVIEW = {
  release: { action: releaseHeldAction, variant: "primary" },
  discard: { action: discardHeldAction, variant: "danger" },
} as const;

/** One button that releases or discards one day's held answers for the ward. */
export function HeldReviewForm({ decision, wardId, day, label }: { decision: keyof typeof REVIEW; wardId: string; day: string; label: string }) {
  const f = useFormAction(REVIEW[decision].action, `${decision}-${day}`);
  return (
    <ButtonForm form={f} hidden={{ wardId, day }} variant={REVIEW[decision].variant}>
      {label}
    </ButtonForm>
  );
}
