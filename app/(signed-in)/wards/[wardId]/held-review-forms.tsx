"use client";

import { discardHeldAction, releaseHeldAction } from "./held-actions";
import { ButtonForm, useFormAction } from "@/components/form";

export function ReleaseHeldForm({ wardId, day, label }: { wardId: string; day: string; label: string }) {
  const f = useFormAction(releaseHeldAction, `release-${day}`);
  return (
    <ButtonForm form={f} hidden={{ wardId, day }} variant="primary">
      {label}
    </ButtonForm>
  );
}

export function DiscardHeldForm({ wardId, day, label }: { wardId: string; day: string; label: string }) {
  const f = useFormAction(discardHeldAction, `discard-${day}`);
  return (
    <ButtonForm form={f} hidden={{ wardId, day }}>
      {label}
    </ButtonForm>
  );
}
