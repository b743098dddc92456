"use client";

import { useActionState, useEffect, useRef } from "react";
import { MAX_CELL_COUNT, PAPER_FORM_VERSIONS, TALLY_CELLS, percent, type BatchTotals, type Totals } from "@/lib/paper/tally";
import { paperBatchAction, type PaperFormState } from "./actions";
import { Field, Select } from "@/components/form";
import { Button, ErrorSummary } from "@/components/ui";
import { ColumnHeads } from "@/components/table";

const RESPONDENTS = [
  { key: "service_user", heading: "Service users" },
  { key: "staff", heading: "Staff" },
] as const;

const SPEAK_UP_COLUMNS = [
  { key: "yes", heading: "Yes" },
  { key: "no", heading: "No" },
  { key: "blank", heading: "Not answered" },
] as const;

function cellKey(respondent: string, felt: string, speak: string) {
  return `count-${respondent}-${felt}-${speak}`;
}

function formatPercent(value: number | null) {
  return value === null ? "–" : `${value}%`;
}

function SummaryRow({ label, totals }: { label: string; totals: Totals }) {
  return (
    <tr className="border-b border-slate-300">
      <th scope="row" className="py-2 pr-4 text-left">
        {label}
      </th>
      <td className="py-2 pr-4 text-right">{totals.responses}</td>
      <td className="py-2 pr-4 text-right">{totals.feltSafeYes}</td>
      <td className="py-2 pr-4 text-right">{formatPercent(percent(totals.feltSafeYes, totals.responses))}</td>
      <td className="py-2 pr-4 text-right">{totals.speakUpAnswered}</td>
      <td className="py-2 pr-4 text-right">{formatPercent(percent(totals.speakUpYes, totals.speakUpAnswered))}</td>
    </tr>
  );
}

const formLabel = (value: string | undefined) => PAPER_FORM_VERSIONS.find((v) => v.value === (value || PAPER_FORM_VERSIONS[0].value))?.label ?? value;

function Summary({ totals, collectedOn, wardName, formVersion }: { totals: BatchTotals; collectedOn: string; wardName: string; formVersion: string | undefined }) {
  return (
    <table className="mb-6 w-full max-w-3xl border-collapse bg-white">
      <caption className="mb-2 text-left">
        Paper forms from {wardName}, collected on {collectedOn}. {formLabel(formVersion)}.
      </caption>
      <ColumnHeads columns={["Who", { label: "Responses", numeric: true }, { label: "Felt safe", numeric: true }, { label: "% felt safe", numeric: true }, { label: "Answered “able to speak up”", numeric: true }, { label: "% able to speak up", numeric: true }]} />
      <tbody>
        <SummaryRow label="Everyone" totals={totals.all} />
        <SummaryRow label="Service users" totals={totals.service_user} />
        <SummaryRow label="Staff" totals={totals.staff} />
      </tbody>
    </table>
  );
}

export function PaperBatchForm({ wardId, wardName, today }: { wardId: string; wardName: string; today: string }) {
  const [state, action, pending] = useActionState<PaperFormState, FormData>(paperBatchAction.bind(null, wardId), { step: "edit", values: {} });
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.step === "review") summaryHeading.current?.focus();
  }, [state]);
  const values = state.values;

  if (state.step === "review" && state.totals) {
    return (
      <form action={action}>
        <h3 ref={summaryHeading} tabIndex={-1} className="mb-2 text-lg font-bold">
          Check the totals before saving
        </h3>
        <p className="mb-4">
          {state.totals.all.responses} {state.totals.all.responses === 1 ? "response" : "responses"} will be added to this
          ward&apos;s run charts as paper responses.
        </p>
        <Summary totals={state.totals} collectedOn={values.collectedOn ?? ""} wardName={wardName} formVersion={values.formVersion} />
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="save" disabled={pending}>
            Save the batch
          </Button>
          <Button type="submit" name="intent" value="edit" variant="secondary" disabled={pending}>
            Change the counts
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form action={action} noValidate>
      <ErrorSummary error={state.error} fields={state.fields} />
      <Field
        id="collectedOn"
        label="Date the forms were collected"
        type="date"
        max={today}
        required
        defaultValue={values.collectedOn ?? ""}
        error={state.fields?.collectedOn}
      />
      <Select
        // Remounted with each answer from the server: a select, unlike an input, does not take a new
        // defaultValue when React resets the form after the action.
        key={`formVersion-${values.formVersion ?? ""}`}
        id="formVersion"
        name="formVersion"
        label="Which paper form were they?"
        hint="The version is in small print at the foot of a form printed from Wardsafe."
        options={PAPER_FORM_VERSIONS.map((v) => ({ value: v.value, label: v.label }))}
        defaultValue={values.formVersion ?? PAPER_FORM_VERSIONS[0].value}
        error={state.fields?.formVersion}
      />
      <p id="counts-hint" className="mb-4 max-w-2xl text-muted">
        For each kind of respondent, count the forms with each combination of answers. Leave a box empty for none. Each
        count is a whole number from 0 to {MAX_CELL_COUNT}.
      </p>
      {RESPONDENTS.map((respondent) => (
        <fieldset key={respondent.key} className="mb-6">
          <legend className="mb-2 text-lg font-bold">{respondent.heading}</legend>
          <table className="border-collapse bg-white">
            <ColumnHeads columns={["Felt safe from sexual harm?", ...SPEAK_UP_COLUMNS.map((column) => `Able to speak up: ${column.heading}`)]} />
            <tbody>
              {(["yes", "no"] as const).map((felt) => (
                <tr key={felt} className="border-t border-slate-300">
                  <th scope="row" className="p-2 text-left">
                    {felt === "yes" ? "Yes" : "No"}
                  </th>
                  {SPEAK_UP_COLUMNS.map((column) => {
                    const key = cellKey(respondent.key, felt, column.key);
                    const cell = TALLY_CELLS.find((c) => c.key === key)!;
                    const error = state.fields?.[key];
                    return (
                      <td key={key} className="p-2 align-top">
                        <label htmlFor={key} className="sr-only">
                          {cell.label}
                        </label>
                        <input
                          id={key}
                          name={key}
                          inputMode="numeric"
                          pattern="[0-9]*"
                          autoComplete="off"
                          defaultValue={values[key] ?? ""}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${key}-error` : "counts-hint"}
                          className={`block w-24 rounded border-2 px-3 py-2 ${error ? "border-nhs-red" : "border-ink"}`}
                        />
                        {error ? (
                          <p id={`${key}-error`} className="mt-1 max-w-32 text-sm font-semibold text-nhs-red">
                            {error.includes(":") ? error.slice(error.indexOf(":") + 2) : error}
                          </p>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      ))}
      <Button type="submit" name="intent" value="review" disabled={pending}>
        Check the totals
      </Button>
    </form>
  );
}
