"use client";

import {
  addPhaseAction,
  createNoteAction,
  deleteNoteAction,
  removePhaseAction,
  updateNoteAction,
} from "./actions";
import { NOTE_KIND_WORDS } from "@/lib/charts/labels";
import { ActionForm, ButtonForm, ConfirmButtonForm, Field, Select, TextArea, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

// The forms that change a run chart: notes and phases. Each posts to a server
// action, so they work without JavaScript; errors are listed at the top of the form and linked to
// the field they are about. Field ids carry a prefix because one page holds several forms.

const KIND_OPTIONS = [
  { value: "CHANGE", label: NOTE_KIND_WORDS.change },
  { value: "NOTE", label: NOTE_KIND_WORDS.note },
  { value: "ASTRONOMICAL", label: `${NOTE_KIND_WORDS.astronomical} (a value far outside the others, with its reason)` },
];

/** chart: "team:<id>" or "ward:<id>"; path: the page to refresh afterwards. */
export function AddNoteForm({ chart, path }: { chart: string; path: string }) {
  const prefix = "new-note";
  const f = useFormAction(createNoteAction, prefix);
  return (
    <ActionForm form={f} label="Add a note" hidden={{ chart, path }}>
      <Field {...f.bind("date")} type="date" label="Date" hint="The day the change started or the thing happened." needed />
      <Select {...f.bind("kind", "CHANGE")} label="Kind of note" options={KIND_OPTIONS} />
      <TextArea {...f.bind("text")} label="Note" hint="For example the change idea or PDSA cycle tested." maxLength={500} needed />
      <Button type="submit" disabled={f.pending}>
        Add note
      </Button>
    </ActionForm>
  );
}

export function EditNoteForm({
  note,
  number,
  path,
}: {
  note: { id: string; date: string; kind: "change" | "note" | "astronomical"; text: string };
  number: number;
  path: string;
}) {
  const prefix = `note-${note.id}`;
  const edit = useFormAction(updateNoteAction, prefix);
  const remove = useFormAction(deleteNoteAction, `${prefix}-delete`);
  return (
    <div className="mt-2 flex flex-wrap items-start gap-3">
      <details className="grow">
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">Edit note {number}</summary>
        <form action={edit.formAction} noValidate aria-label={`Edit note ${number}`} className="mt-2">
          {edit.summary}
          {edit.done}
          <input type="hidden" name="id" value={note.id} />
          <input type="hidden" name="path" value={path} />
          <Field {...edit.bind("date", note.date)} type="date" label="Date" needed />
          <Select {...edit.bind("kind", note.kind.toUpperCase())} label="Kind of note" options={KIND_OPTIONS} />
          <TextArea {...edit.bind("text", note.text)} label="Note" maxLength={500} needed />
          <Button type="submit" disabled={edit.pending}>
            Save note {number}
          </Button>
        </form>
      </details>
      <ConfirmButtonForm
        form={remove}
        hidden={{ id: note.id, path }}
        question={`Delete note ${number}? It goes from this chart and every chart that shows it, and this cannot be undone.`}
        yes={`Yes, delete note ${number}`}
        cancelHref={path}
      >
        Delete note {number}
      </ConfirmButtonForm>
    </div>
  );
}

export function AddPhaseForm({ chart, path }: { chart: string; path: string }) {
  const prefix = "new-phase";
  const f = useFormAction(addPhaseAction, prefix);
  return (
    <ActionForm form={f} label="Start a new phase" hidden={{ chart, path }}>
      <Field
        {...f.bind("startDate")}
        type="date"
        label="New phase starts on"
        needed
        hint="The first period starting on or after this date begins the new phase, with its own baseline and median."
      />
      <TextArea
        {...f.bind("reason")}
        label="Reason"
        needed
        hint="Why the process has changed, for example a sustained shift after a change was adopted."
        maxLength={500}
      />
      <Button type="submit" disabled={f.pending}>
        Start a new phase
      </Button>
    </ActionForm>
  );
}

/** The one action a suggested new phase offers: start it from the shift's first period, the reason filled in. */
export function SuggestedPhaseForm({ chart, path, startDate, reason, label }: { chart: string; path: string; startDate: string; reason: string; label: string }) {
  const f = useFormAction(addPhaseAction, "suggested-phase");
  return (
    <ButtonForm form={f} hidden={{ chart, path, startDate, reason }} variant="primary" className="mt-2">
      {label}
    </ButtonForm>
  );
}

export function RemovePhaseForm({ id, path, label }: { id: string; path: string; label: string }) {
  const f = useFormAction(removePhaseAction, `phase-${id}`);
  return (
    <ButtonForm form={f} hidden={{ id, path }} variant="secondary" className="inline">
      {label}
    </ButtonForm>
  );
}
