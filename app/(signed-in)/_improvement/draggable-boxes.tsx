"use client";

import { useRef, useState, useSyncExternalStore, useTransition, type DragEvent, type ReactNode } from "react";
import { moveBoxAction } from "./actions";

// One column of the driver diagram's editing list whose boxes can also be dragged to a new place
// with a mouse or touch-pad, as on paper. Each box's Move up / Move down buttons stay the way to do
// it with the keyboard and without JavaScript, so the drag handle is drawn only once the page's
// script runs, and is hidden from screen readers (the buttons name the box; the handle could not).

export interface DraggableBox {
  id: string;
  /** How the box is announced after a move: "primary driver 2, A calm ward at night". */
  name: string;
  content: ReactNode;
}

const noSubscription = () => () => {};

/** False in the server's HTML and true once the script runs (no effect, no second render pass). */
function useScripted(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function DraggableBoxes({ boxes, path }: { boxes: readonly DraggableBox[]; path: string }) {
  const scripted = useScripted();
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const items = useRef<(HTMLLIElement | null)[]>([]);

  const reset = () => {
    setDragged(null);
    setOver(null);
  };

  const drop = (event: DragEvent, index: number) => {
    event.preventDefault();
    const id = dragged;
    reset();
    const from = boxes.findIndex((b) => b.id === id);
    if (id === null || from === -1 || from === index) return;
    const place = index + 1;
    const form = new FormData();
    form.set("id", id);
    form.set("direction", String(place));
    form.set("path", path);
    startTransition(async () => {
      // The action revalidates the page, so the list comes back in its new order.
      const state = await moveBoxAction({}, form);
      setMessage(
        state.error
          ? { text: Object.values(state.fields ?? {})[0] ?? state.error, problem: true }
          : { text: `Moved ${boxes[from]!.name} to place ${place} of ${boxes.length}.`, problem: false },
      );
    });
  };

  return (
    <>
      <ol className="mt-2 space-y-3" aria-busy={pending || undefined}>
        {boxes.map((box, index) => (
          <li
            key={box.id}
            id={`box-${box.id}`}
            ref={(el) => {
              items.current[index] = el;
            }}
            data-drop-target={over === index && dragged !== box.id ? "" : undefined}
            className={`rounded border bg-white p-3 ${over === index && dragged !== box.id ? "border-nhs-blue outline-4 outline-nhs-blue" : "border-slate-300"} ${dragged === box.id ? "opacity-50" : ""}`}
            onDragOver={(event) => {
              if (dragged === null) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "move";
              if (over !== index) setOver(index);
            }}
            onDrop={(event) => drop(event, index)}
          >
            <div className="flex gap-2">
              {scripted && boxes.length > 1 ? (
                <span
                  draggable
                  aria-hidden="true"
                  title="Drag to move this box"
                  data-drag-handle={box.id}
                  className="-my-1 cursor-grab self-start rounded px-1 text-2xl leading-none text-muted select-none hover:bg-slate-100 active:cursor-grabbing"
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = "move";
                    event.dataTransfer.setData("text/plain", box.id);
                    const item = items.current[index];
                    if (item) event.dataTransfer.setDragImage(item, 16, 16);
                    setDragged(box.id);
                  }}
                  onDragEnd={reset}
                >
                  ⠿
                </span>
              ) : null}
              <div className="min-w-0 flex-1">{box.content}</div>
            </div>
          </li>
        ))}
      </ol>
      <p role="status" className={`mt-2 text-sm ${message?.problem ? "font-semibold text-nhs-red" : ""}`}>
        {message?.text}
      </p>
    </>
  );
}
