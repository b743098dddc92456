"use client";

import { addBoxAction } from "./actions";
import { KIND_LABELS, MAX_BOX_TEXT, type BoxKind } from "@/lib/improvement/driver-diagram";
import { Field, Select, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

import { LinkChoices, STATUS_OPTIONS } from "./box-form-parts";

// Adds a box to one column of the driver diagram, linked to the boxes it serves.

const ADD_LABELS: Record<BoxKind, string> = {
  PRIMARY: "Add a primary driver",
  SECONDARY: "Add a secondary driver",
  CHANGE_IDEA: "Add a change idea",
};

export function AddBoxForm({ teamId, path, kind, parents }: { teamId: string; path: string; kind: BoxKind; parents: readonly { id: string; text: string }[] }) {
  const prefix = `add-${kind.toLowerCase()}`;
  const f = useFormAction(addBoxAction, prefix);
  const typedParents = f.state.values ? [f.state.values.parentIds ?? []].flat() : [];
  return (
    <form action={f.formAction} noValidate aria-label={ADD_LABELS[kind]} className="mt-4 rounded border border-slate-300 bg-white p-4">
      {f.summary}
      {f.done}
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="path" value={path} />
      <input type="hidden" name="kind" value={kind} />
      <Field
        {...f.bind("text")}
        label={`New ${KIND_LABELS[kind].one}`}
        maxLength={MAX_BOX_TEXT}
        className="mt-1 block w-full max-w-xl rounded border-2 border-ink px-3 py-2"
      />
      {kind !== "PRIMARY" ? (
        <LinkChoices
          id={`${prefix}-parentIds`}
          legend={`It serves these ${KIND_LABELS[kind === "SECONDARY" ? "PRIMARY" : "SECONDARY"].many} (choose at least one)`}
          options={parents}
          checked={typedParents}
          error={f.error("parentIds")}
        />
      ) : null}
      {kind === "CHANGE_IDEA" ? (
        <Select {...f.bind("status", "IDEA")} label="Status" options={STATUS_OPTIONS} />
      ) : null}
      <Button type="submit" disabled={f.pending}>
        {ADD_LABELS[kind]}
      </Button>
    </form>
  );
}
