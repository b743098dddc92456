"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { BadRequestError } from "@/lib/errors";
import { askFirst, formText as text, type FormState } from "@/lib/http/form-state";
import { formOutcome } from "@/lib/http/refusal";
import { addBox, changeBox, deleteBox, importDiagram, importOptions, moveBox, parseDiagramFile, setTeamAim } from "@/lib/improvement/diagram-service";
import { KIND_LABELS, type BoxKind } from "@/lib/improvement/driver-diagram";
import { createCycle, deleteCycle, updateCycle } from "@/lib/improvement/pdsa-service";

// Server actions behind the aim, driver diagram and PDSA forms. They read the form, call
// lib/improvement (which authorises, validates and audits) and turn its refusals into messages on
// the form. All work without JavaScript: the form posts and the page re-renders.

const MESSAGES = {
  notFound: "This no longer exists, or you do not have access to it.",
  forbidden: "Only the project team's members and programme administrators can change its aim, driver diagram and PDSA cycles.",
};

/** Only our own team pages: the value comes from the form, so it must not name anything else. */
function pagePath(form: FormData): string {
  const path = text(form, "path") ?? "/teams";
  return /^\/teams\/[A-Za-z0-9_-]+(\/(diagram|pdsa)(\/[A-Za-z0-9_-]+)?)?$/.test(path) ? path : "/teams";
}

async function run(form: FormData, change: () => Promise<string>): Promise<FormState> {
  const state = await formOutcome(form, change, MESSAGES);
  if (state.done) revalidatePath(pagePath(form));
  return state;
}

/** A box's links: the checkboxes, or none at all when every box was unticked. */
const parentIds = (form: FormData) => form.getAll("parentIds").filter((v): v is string => typeof v === "string");

export async function setAimAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await setTeamAim(actor, text(form, "teamId") ?? "", { statement: text(form, "statement"), targetPercent: text(form, "targetPercent"), targetDate: text(form, "targetDate") });
    return "Aim saved.";
  });
}

export async function addBoxAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    const kind = text(form, "kind");
    const box = await addBox(actor, text(form, "teamId") ?? "", {
      kind,
      text: text(form, "text"),
      parentIds: parentIds(form),
      ...(kind === "CHANGE_IDEA" ? { status: text(form, "status") || undefined } : {}),
    });
    return `Added the ${KIND_LABELS[box.kind].one} "${box.text}".`;
  });
}

export async function changeBoxAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    const kind = text(form, "kind") as BoxKind | undefined;
    const box = await changeBox(actor, text(form, "id") ?? "", {
      text: text(form, "text"),
      ...(kind === "PRIMARY" ? {} : { parentIds: parentIds(form) }),
      ...(kind === "CHANGE_IDEA" ? { status: text(form, "status") } : {}),
    });
    return `Saved "${box.text}".`;
  });
}

export async function moveBoxAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    const direction = text(form, "direction") ?? "";
    await moveBox(actor, text(form, "id") ?? "", { direction });
    // A number is a place in the column, from dragging the box there.
    return /^\d+$/.test(direction) ? `Moved to place ${direction}.` : `Moved ${direction}.`;
  });
}

export async function deleteBoxAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  const ask = askFirst(form);
  if (ask) return ask;
  return run(form, async () => {
    await deleteBox(actor, text(form, "id") ?? "");
    return "Deleted.";
  });
}

/** Largest diagram file accepted: a full diagram at the limits is well under 200 KB. */
const MAX_FILE_BYTES = 1_000_000;

export async function importDiagramAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new BadRequestError("Choose a driver diagram file (.json) to import", { file: "Choose a driver diagram file (.json) to import" });
    if (file.size > MAX_FILE_BYTES) throw new BadRequestError("The file is too large to be a driver diagram (over 1 MB)", { file: "The file is too large to be a driver diagram (over 1 MB)" });
    const options = importOptions({ mode: text(form, "mode"), keepStatuses: text(form, "keepStatuses"), takeAim: text(form, "takeAim") });
    const { added } = await withFileProblemsOnFileField(async () => importDiagram(actor, text(form, "teamId") ?? "", parseDiagramFile(await file.text()), options));
    return `Imported ${added} box${added === 1 ? "" : "es"}${options.mode === "replace" ? ", replacing the diagram" : ""}.`;
  });
}

/** The form has one file field: every problem inside the file is listed there, where the summary links to. */
async function withFileProblemsOnFileField<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    const inFile = Object.entries(error.fields).filter(([key]) => key.startsWith("file."));
    if (inFile.length === 0) throw error;
    const listed = inFile.slice(0, 5).map(([, message]) => message).join("; ");
    throw new BadRequestError(error.message, { file: `${error.message}: ${listed}${inFile.length > 5 ? ` (and ${inFile.length - 5} more)` : ""}` });
  }
}

function cycleFields(form: FormData) {
  const names = ["wardId", "startDate", "endDate", "planWhat", "planWho", "planWhere", "prediction", "doNotes", "studyNotes", "actDecision", "actNotes"] as const;
  return Object.fromEntries(names.map((n) => [n, text(form, n)]));
}

export async function createCycleAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  let created: { id: string; teamId: string } | null = null;
  const state = await run(form, async () => {
    const cycle = await createCycle(actor, text(form, "teamId") ?? "", { changeIdeaId: text(form, "changeIdeaId"), ...cycleFields(form) });
    created = { id: cycle.id, teamId: cycle.team.id };
    return `PDSA cycle ${cycle.number} planned.`;
  });
  // redirect() throws, so it is called outside the refusal handling.
  const done = created as { id: string; teamId: string } | null;
  if (done) redirect(`/teams/${done.teamId}/pdsa/${done.id}?saved=created`);
  return state;
}

export async function updateCycleAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    const cycle = await updateCycle(actor, text(form, "id") ?? "", cycleFields(form));
    return `PDSA cycle ${cycle.number} saved.`;
  });
}

export async function deleteCycleAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(pagePath(form));
  const ask = askFirst(form);
  if (ask) return ask;
  let teamId: string | null = null;
  const state = await formOutcome(form, async () => {
    teamId = (await deleteCycle(actor, text(form, "id") ?? "")).teamId;
    return "Deleted.";
  }, MESSAGES);
  const deletedFrom = teamId as string | null;
  if (deletedFrom) {
    revalidatePath(`/teams/${deletedFrom}/pdsa`);
    redirect(`/teams/${deletedFrom}/pdsa?deleted=1`);
  }
  return state;
}
