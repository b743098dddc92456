"use client";

import { setAimAction } from "./actions";
import { COLLABORATIVE_AIM, MAX_AIM_LENGTH, type TeamAim } from "@/lib/improvement/aim";
import { ActionForm, Field, TextArea, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

// The team's aim: its statement (blank for the collaborative's), target percentage and date.

export function AimForm({ teamId, path, aim }: { teamId: string; path: string; aim: TeamAim }) {
  const prefix = "aim";
  const f = useFormAction(setAimAction, prefix);
  return (
    <ActionForm form={f} label="Change the aim" hidden={{ teamId, path }}>
      <TextArea
        {...f.bind("statement", (aim.isDefault ? "" : aim.statement))}
        label="Aim statement"
        hint={`Leave blank to use the collaborative's aim: "${COLLABORATIVE_AIM}".`}
        maxLength={MAX_AIM_LENGTH}
      />
      <Field
        {...f.bind("targetPercent", aim.targetPercent ?? "")}
        inputMode="numeric"
        label="Target (%)"
        hint="The percentage feeling safe the team aims for, drawn as a dotted line on its run charts. Leave blank for none."
      />
      <Field
        {...f.bind("targetDate", aim.targetDate ?? "")}
        type="date"
        label="By (date)"
        hint="When the team aims to reach its target. Leave blank for none."
      />
      <Button type="submit" disabled={f.pending}>
        Save aim
      </Button>
    </ActionForm>
  );
}
