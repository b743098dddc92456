"use client";

import { useEffect, useRef } from "react";
import {
  addNodeAction,
  changeNodeAction,
  createCycleAction,
  deleteCycleAction,
  deleteNodeAction,
  importDiagramAction,
  moveNodeAction,
  setAimAction,
  updateCycleAction,
} from "./actions";
import { COLLABORATIVE_AIM, MAX_AIM_LENGTH, type TeamAim } from "@/lib/improvement/aim";
import { CHANGE_IDEA_STATUSES, KIND_LABELS, MAX_NODE_TEXT, STATUS_LABELS, type DiagramNode, type NodeKind } from "@/lib/improvement/driver-diagram";
import { DECISION_LABELS, MAX_PDSA_SHORT, MAX_PDSA_TEXT, PDSA_DECISIONS, type PdsaDecision } from "@/lib/improvement/pdsa";
import { ActionForm, Field, Select, TextArea, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

// The forms of the aim, driver diagram and PDSA pages. Every one is a plain form posting to a
// server action, so all of it can be done with the keyboard alone (and without JavaScript): each
// box of the diagram has its own edit form, and Move up/down/Delete buttons named after the box.

const STATUS_OPTIONS = CHANGE_IDEA_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

export function AimForm({ teamId, path, aim }: { teamId: string; path: string; aim: TeamAim }) {
  const prefix = "aim";
  const f = useFormAction(setAimAction, prefix);
  return (
    <ActionForm form={f} label="Change the aim" hidden={{ teamId, path }}>
      <TextArea
        id={`${prefix}-statement`}
        name="statement"
        label="Aim statement"
        hint={`Leave blank to use the collaborative's aim: "${COLLABORATIVE_AIM}".`}
        maxLength={MAX_AIM_LENGTH}
        defaultValue={f.value("statement") ?? (aim.isDefault ? "" : aim.statement)}
        error={f.error("statement")}
      />
      <Field
        id={`${prefix}-targetPercent`}
        name="targetPercent"
        inputMode="numeric"
        label="Target (%)"
        hint="The percentage feeling safe the team aims for, drawn as a dotted line on its run charts. Leave blank for none."
        defaultValue={f.value("targetPercent") ?? aim.targetPercent ?? ""}
        error={f.error("targetPercent")}
      />
      <Field
        id={`${prefix}-targetDate`}
        name="targetDate"
        type="date"
        label="By (date)"
        hint="When the team aims to reach its target. Leave blank for none."
        defaultValue={f.value("targetDate") ?? aim.targetDate ?? ""}
        error={f.error("targetDate")}
      />
      <Button type="submit" disabled={f.pending}>
        Save aim
      </Button>
    </ActionForm>
  );
}

function LinkChoices({
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

const ADD_LABELS: Record<NodeKind, string> = {
  PRIMARY: "Add a primary driver",
  SECONDARY: "Add a secondary driver",
  CHANGE_IDEA: "Add a change idea",
};

export function AddNodeForm({ teamId, path, kind, parents }: { teamId: string; path: string; kind: NodeKind; parents: readonly { id: string; text: string }[] }) {
  const prefix = `add-${kind.toLowerCase()}`;
  const f = useFormAction(addNodeAction, prefix);
  const typedParents = f.state.values ? [f.state.values.parentIds ?? []].flat() : [];
  return (
    <form action={f.formAction} noValidate aria-label={ADD_LABELS[kind]} className="mt-4 rounded border border-slate-300 bg-white p-4">
      {f.summary}
      {f.done}
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="path" value={path} />
      <input type="hidden" name="kind" value={kind} />
      <Field
        id={`${prefix}-text`}
        name="text"
        label={`New ${KIND_LABELS[kind].one}`}
        maxLength={MAX_NODE_TEXT}
        defaultValue={f.value("text")}
        error={f.error("text")}
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
        <Select id={`${prefix}-status`} name="status" label="Status" options={STATUS_OPTIONS} defaultValue={f.value("status") ?? "IDEA"} error={f.error("status")} />
      ) : null}
      <Button type="submit" disabled={f.pending}>
        {ADD_LABELS[kind]}
      </Button>
    </form>
  );
}

/** One box in the editing list: its edit form, and buttons to move or delete it. */
export function NodeEditor({
  node,
  number,
  count,
  teamId,
  path,
  parents,
}: {
  node: DiagramNode;
  number: number;
  count: number;
  teamId: string;
  path: string;
  parents: readonly { id: string; text: string }[];
}) {
  const prefix = `node-${node.id}`;
  const edit = useFormAction(changeNodeAction, prefix);
  const move = useFormAction(moveNodeAction, `${prefix}-move`);
  const remove = useFormAction(deleteNodeAction, `${prefix}-delete`);
  const buttons = useRef<Record<"up" | "down", HTMLButtonElement | null>>({ up: null, down: null });
  const lastMove = useRef<"up" | "down" | null>(null);
  const name = `${KIND_LABELS[node.kind].one} ${number}, ${node.text}`;

  // Moving re-orders the list and disables the buttons while it saves, which takes focus off the
  // button; put it back so the keyboard user can press it again. At an end of the list the pressed
  // button is now disabled, so focus goes to the other one instead of being lost to the page.
  useEffect(() => {
    const direction = lastMove.current;
    if (!move.state.done || !direction) return;
    lastMove.current = null;
    const atEnd = direction === "up" ? number === 1 : number === count;
    const target = buttons.current[atEnd ? (direction === "up" ? "down" : "up") : direction];
    if (target && document.activeElement !== target) target.focus();
  }, [move.state, number, count]);

  const moveButton = (direction: "up" | "down", label: string, disabled: boolean) => (
    <Button
      type="submit"
      name="direction"
      value={direction}
      variant="secondary"
      disabled={disabled || move.pending}
      ref={(el) => {
        buttons.current[direction] = el;
      }}
      onClick={() => {
        lastMove.current = direction;
      }}
    >
      {label}
      <span className="sr-only">: {name}</span>
    </Button>
  );

  return (
    <div>
      {remove.summary}
      {move.summary}
      <div className="flex flex-wrap items-center gap-2">
        <form action={move.formAction} className="flex gap-2">
          <input type="hidden" name="id" value={node.id} />
          <input type="hidden" name="path" value={path} />
          {moveButton("up", "Move up", number === 1)}
          {moveButton("down", "Move down", number === count)}
        </form>
        <form action={remove.formAction}>
          <input type="hidden" name="id" value={node.id} />
          <input type="hidden" name="path" value={path} />
          <Button type="submit" variant="danger" disabled={remove.pending}>
            Delete<span className="sr-only">: {name}</span>
          </Button>
        </form>
      </div>
      <details className="mt-2" open={edit.state.error ? true : undefined}>
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">
          Edit<span className="sr-only">: {name}</span>
        </summary>
        <form action={edit.formAction} noValidate aria-label={`Edit ${name}`} className="mt-2">
          {edit.summary}
          {edit.done}
          <input type="hidden" name="id" value={node.id} />
          <input type="hidden" name="teamId" value={teamId} />
          <input type="hidden" name="kind" value={node.kind} />
          <input type="hidden" name="path" value={path} />
          <Field
            id={`${prefix}-text`}
            name="text"
            label="Text"
            maxLength={MAX_NODE_TEXT}
            defaultValue={edit.value("text") ?? node.text}
            error={edit.error("text")}
            className="mt-1 block w-full max-w-xl rounded border-2 border-ink px-3 py-2"
          />
          {node.kind !== "PRIMARY" ? (
            <LinkChoices
              id={`${prefix}-parentIds`}
              legend={`It serves these ${KIND_LABELS[node.kind === "SECONDARY" ? "PRIMARY" : "SECONDARY"].many}`}
              options={parents}
              checked={node.parentIds}
              error={edit.error("parentIds")}
            />
          ) : null}
          {node.kind === "CHANGE_IDEA" ? (
            <Select id={`${prefix}-status`} name="status" label="Status" options={STATUS_OPTIONS} defaultValue={edit.value("status") ?? node.status ?? "IDEA"} error={edit.error("status")} />
          ) : null}
          <Button type="submit" disabled={edit.pending}>
            Save<span className="sr-only">: {name}</span>
          </Button>
        </form>
      </details>
    </div>
  );
}

export function ImportDiagramForm({ teamId, path, empty }: { teamId: string; path: string; empty: boolean }) {
  const prefix = "import";
  const f = useFormAction(importDiagramAction, prefix);
  return (
    <ActionForm form={f} label="Import a driver diagram" hidden={{ teamId, path }}>
      <Field
        id={`${prefix}-file`}
        name="file"
        type="file"
        accept="application/json,.json"
        label="Driver diagram file (.json)"
        hint="A file downloaded with “Download JSON” from any team's driver diagram."
        error={f.error("file")}
      />
      <Select
        id={`${prefix}-mode`}
        name="mode"
        label="What to do with this team's diagram"
        options={[
          { value: "add", label: empty ? "Add the file's boxes (the diagram is empty)" : "Add the file's boxes after this diagram's" },
          { value: "replace", label: "Replace this diagram with the file's (only while no PDSA cycles have been recorded)" },
        ]}
        defaultValue={f.value("mode") ?? "add"}
        error={f.error("mode")}
      />
      <div className="mb-3 flex items-start gap-2">
        <input type="checkbox" id={`${prefix}-keepStatuses`} name="keepStatuses" value="true" className="mt-1 size-5 accent-nhs-blue" />
        <label htmlFor={`${prefix}-keepStatuses`}>Keep the change ideas&apos; statuses from the file (otherwise each starts as an idea)</label>
      </div>
      <div className="mb-4 flex items-start gap-2">
        <input type="checkbox" id={`${prefix}-takeAim`} name="takeAim" value="true" className="mt-1 size-5 accent-nhs-blue" />
        <label htmlFor={`${prefix}-takeAim`}>Also use the file&apos;s aim statement, target and date</label>
      </div>
      <Button type="submit" disabled={f.pending}>
        Import
      </Button>
    </ActionForm>
  );
}

// ---------------------------------------------------------------------------------------------------
// PDSA cycles
// ---------------------------------------------------------------------------------------------------

export type CycleFormValues = {
  id?: string;
  changeIdeaId?: string;
  wardId: string | null;
  startDate: string;
  endDate: string | null;
  planWhat: string;
  planWho: string;
  planWhere: string;
  prediction: string;
  doNotes: string;
  studyNotes: string;
  actDecision: PdsaDecision | null;
  actNotes: string;
};

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
  const v = (field: keyof CycleFormValues) => f.value(field) ?? (cycle?.[field] ?? "");
  const area = (field: keyof CycleFormValues, label: string, hint?: string, max = MAX_PDSA_TEXT) => (
    <TextArea id={`${prefix}-${field}`} name={field} label={label} hint={hint} maxLength={max} defaultValue={v(field)} error={f.error(field)} />
  );
  return (
    <ActionForm form={f} label={isNew ? "Plan a new PDSA cycle" : "Edit this PDSA cycle"} hidden={{ teamId, path, ...(cycle?.id ? { id: cycle.id } : {}) }}>
      {isNew && changeIdeas ? (
        <Select
          id={`${prefix}-changeIdeaId`}
          name="changeIdeaId"
          label="Change idea to test"
          options={changeIdeas.map((c) => ({ value: c.id, label: c.text }))}
          defaultValue={v("changeIdeaId")}
          error={f.error("changeIdeaId")}
        />
      ) : null}
      <fieldset className="mb-2">
        <legend className="mb-2 text-lg font-bold">Plan</legend>
        {area("planWhat", "What will be tested", "The change, as the ward will try it, and any data to collect beyond the survey.")}
        {area("planWho", "Who", "Who will carry out the test and who will collect the data.", MAX_PDSA_SHORT)}
        <Select
          id={`${prefix}-wardId`}
          name="wardId"
          label="Where: which ward"
          options={[{ value: "", label: "All the team's wards" }, ...wards.map((w) => ({ value: w.id, label: w.name }))]}
          defaultValue={v("wardId")}
          error={f.error("wardId")}
        />
        {area("planWhere", "Where, in more detail", "For example the day room, or night shifts only.", MAX_PDSA_SHORT)}
        <Field id={`${prefix}-startDate`} name="startDate" type="date" label="Starts on" defaultValue={v("startDate")} error={f.error("startDate")} />
        <Field
          id={`${prefix}-endDate`}
          name="endDate"
          type="date"
          label="Ends on"
          hint="Leave blank while the cycle is running."
          defaultValue={v("endDate")}
          error={f.error("endDate")}
        />
        {area("prediction", "Prediction", "What the team expects to happen, and to the percentage feeling safe, so the study can compare.")}
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
            <Select id={`${prefix}-actDecision`} name="actDecision" label="Decision" options={DECISION_OPTIONS} defaultValue={v("actDecision")} error={f.error("actDecision")} />
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

export function DeleteCycleForm({ id, path, label }: { id: string; path: string; label: string }) {
  const f = useFormAction(deleteCycleAction, `delete-${id}`);
  return (
    <form action={f.formAction}>
      {f.summary}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="path" value={path} />
      <Button type="submit" variant="danger" disabled={f.pending}>
        {label}
      </Button>
    </form>
  );
}
