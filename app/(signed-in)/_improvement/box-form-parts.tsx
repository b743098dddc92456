"use client";

import { CHANGE_IDEA_STATUSES, STATUS_LABELS } from "@/lib/improvement/driver-diagram";

// What the box forms share: the checkboxes that link a box to the boxes it serves, and the change
// idea statuses.

export const STATUS_OPTIONS = CHANGE_IDEA_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/** Checkboxes of the boxes this one serves; at least one must be chosen (the service says which). */
export function LinkChoices({
  id,
  legend,
  options,
  checked,
  error,
}: {
  id: string;
  legend: string;
  options: readonly { id: string; text: string }[];
  checked: readonly string[];
  error?: string;
}) {
  return (
    <fieldset id={id} className="mb-4" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-semibold">{legend}</legend>
      {error ? (
        <p id={`${id}-error`} className="font-semibold text-nhs-red">
          {error}
        </p>
      ) : null}
      {options.length === 0 ? <p className="text-sm text-muted">Nothing to link to yet.</p> : null}
      <ul className="mt-1 space-y-1">
        {options.map((o, i) => (
          <li key={o.id} className="flex items-start gap-2">
            <input
              type="checkbox"
              id={`${id}-${o.id}`}
              name="parentIds"
              value={o.id}
              defaultChecked={checked.includes(o.id)}
              className="mt-1 size-5 shrink-0 accent-nhs-blue"
            />
            <label htmlFor={`${id}-${o.id}`}>
              {i + 1}. {o.text}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
