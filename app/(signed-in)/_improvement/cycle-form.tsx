"use client";

import { createCycleAction, updateCycleAction } from "./actions";
import { DECISION_LABELS, MAX_PDSA_SHORT, MAX_PDSA_TEXT, PDSA_DECISIONS, type CycleRecord } from "@/lib/improvement/pdsa";
import { ActionForm, Field, Select, TextArea, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

// A PDSA cycle: a new one (plan, with the change idea to test), or an existing one (all four stages).

export type CycleFormValues = CycleRecord & { id?: string; changeIdeaId?: string; wardId: string | null };

const DECISION_OPTIONS = [{ value: "", label: "Not decided yet" }, ...PDSA_DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))];

/** The whole cycle: a new one (plan, with the change idea to test), or an existing one (all four stages). */
export function CycleForm({
  teamId,
  path,
  changeIdeas,
  wards,
  cycle,
}: {
  teamId: string;
  path: string;
  changeIdeas?: readonly { id: string; text: string }[];
  wards: readonly { id: string; name: string }[];
  cycle?: CycleFormValues;
}) {
  const isNew = !cycle?.id;
  const prefix = isNew ? "new-cycle" : "cycle";
  const f = useFormAction(isNew ? createCycleAction : updateCycleAction, prefix);
  const area = (field: keyof CycleFormValues, label: string, hint?: string, max = MAX_PDSA_TEXT, needed = false) => (
    <TextArea {...f.bind(field, cycle?.[field])} label={label} hint={hint} maxLength={max} needed={needed} />
  );
  return (
    <ActionForm form={f} label={isNew ? "Plan a new PDSA cycle" : "Edit this PDSA cycle"} hidden={{ teamId, path, ...(cycle?.id ? { id: cycle.id } : {}) }}>
      {isNew && changeIdeas ? (
        <Select
          {...f.bind("changeIdeaId", cycle?.changeIdeaId)}
          label="Change idea to test"
          needed
          options={changeIdeas.map((c) => ({ value: c.id, label: c.text }))}
        />
      ) : null}
      <fieldset className="mb-2">
        <legend className="mb-2 text-lg font-bold">Plan</legend>
        {area("planWhat", "What will be tested", "The change, as the ward will try it, and any data to collect beyond the survey.", MAX_PDSA_TEXT, true)}
        {area("planWho", "Who", "Who will carry out the test and who will collect the data.", MAX_PDSA_SHORT)}
        <Select
          {...f.bind("wardId", cycle?.wardId)}
          label="Where: which ward"
          options={[{ value: "", label: "All the team's wards" }, ...wards.map((w) => ({ value: w.id, label: w.name }))]}
        />
        {area("planWhere", "Where, in more detail", "For example the day room, or night shifts only.", MAX_PDSA_SHORT)}
        <Field {...f.bind("startDate", cycle?.startDate)} type="date" label="Starts on" needed />
        <Field {...f.bind("endDate", cycle?.endDate)} type="date" label="Ends on" hint="Leave blank while the cycle is running." />
        {area("prediction", "Prediction", "What the team expects to happen, and to the percentage feeling safe, so the study can compare.", MAX_PDSA_TEXT, true)}
      </fieldset>
      {!isNew ? (
        <>
          <fieldset className="mb-2">
            <legend className="mb-2 text-lg font-bold">Do</legend>
            {area("doNotes", "What happened", "Was the test carried out as planned? Problems and observations.")}
          </fieldset>
          <fieldset className="mb-2">
            <legend className="mb-2 text-lg font-bold">Study</legend>
            {area("studyNotes", "What the data showed, compared with the prediction", "The run chart for the cycle's dates is shown above.")}
          </fieldset>
          <fieldset className="mb-2">
            <legend className="mb-2 text-lg font-bold">Act</legend>
            <Select {...f.bind("actDecision", cycle?.actDecision)} label="Decision" options={DECISION_OPTIONS} />
            {area("actNotes", "Next steps", "What changes for the next cycle, or how the change will be kept.")}
          </fieldset>
        </>
      ) : null}
      <Button type="submit" disabled={f.pending}>
        {isNew ? "Plan this cycle" : "Save the cycle"}
      </Button>
    </ActionForm>
  );
}
