"use client";

import { useEffect, useRef } from "react";
import { changeBoxAction, deleteBoxAction, moveBoxAction } from "./actions";
import { KIND_LABELS, MAX_BOX_TEXT, type DiagramBox } from "@/lib/improvement/driver-diagram";
import { ConfirmButtonForm, Field, Select, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

import { LinkChoices, STATUS_OPTIONS } from "./box-form-parts";

// Every box of the diagram has its own edit form and Move up/down and Delete buttons named after
// the box, so the diagram can be edited with the keyboard alone and without JavaScript.

/** One box in the editing list: its edit form, and buttons to move or delete it. */
export function BoxEditor({
  box,
  number,
  count,
  teamId,
  path,
  parents,
}: {
  box: DiagramBox;
  number: number;
  count: number;
  teamId: string;
  path: string;
  parents: readonly { id: string; text: string }[];
}) {
  const prefix = `box-${box.id}`;
  const edit = useFormAction(changeBoxAction, prefix);
  const move = useFormAction(moveBoxAction, `${prefix}-move`);
  const remove = useFormAction(deleteBoxAction, `${prefix}-delete`);
  const buttons = useRef<Record<"up" | "down", HTMLButtonElement | null>>({ up: null, down: null });
  const lastMove = useRef<"up" | "down" | null>(null);
  const name = `${KIND_LABELS[box.kind].one} ${number}, ${box.text}`;

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
          <input type="hidden" name="id" value={box.id} />
          <input type="hidden" name="path" value={path} />
          {moveButton("up", "Move up", number === 1)}
          {moveButton("down", "Move down", number === count)}
        </form>
        <ConfirmButtonForm
          form={remove}
          hidden={{ id: box.id, path }}
          question={`Delete ${name}? Its links to other boxes go with it, and this cannot be undone.`}
          yes={`Yes, delete ${KIND_LABELS[box.kind].one.toLowerCase()} ${number}`}
          cancelHref={path}
        >
          Delete<span className="sr-only">: {name}</span>
        </ConfirmButtonForm>
      </div>
      <details className="mt-2" open={edit.state.error ? true : undefined}>
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">
          Edit<span className="sr-only">: {name}</span>
        </summary>
        <form action={edit.formAction} noValidate aria-label={`Edit ${name}`} className="mt-2">
          {edit.summary}
          {edit.done}
          <input type="hidden" name="id" value={box.id} />
          <input type="hidden" name="teamId" value={teamId} />
          <input type="hidden" name="kind" value={box.kind} />
          <input type="hidden" name="path" value={path} />
          <Field
            {...edit.bind("text", box.text)}
            label="Text"
            maxLength={MAX_BOX_TEXT}
            className="mt-1 block w-full max-w-xl rounded border-2 border-ink px-3 py-2"
          />
          {box.kind !== "PRIMARY" ? (
            <LinkChoices
              id={`${prefix}-parentIds`}
              legend={`It serves these ${KIND_LABELS[box.kind === "SECONDARY" ? "PRIMARY" : "SECONDARY"].many}`}
              options={parents}
              checked={box.parentIds}
              error={edit.error("parentIds")}
            />
          ) : null}
          {box.kind === "CHANGE_IDEA" ? (
            <Select {...edit.bind("status", box.status ?? "IDEA")} label="Status" options={STATUS_OPTIONS} />
          ) : null}
          <Button type="submit" disabled={edit.pending}>
            Save<span className="sr-only">: {name}</span>
          </Button>
        </form>
      </details>
    </div>
  );
}
