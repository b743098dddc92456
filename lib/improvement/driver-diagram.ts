import { z } from "zod";
import { isValidDate } from "@/lib/analytics/periods";

// A project team's driver diagram, as on the paper template: the aim, primary drivers (what must be
// true to reach it), secondary drivers (the parts of the system that move each primary driver) and
// change ideas (what the team will test). Each secondary driver serves one or more primary drivers;
// each change idea serves one or more secondary drivers. These rules, the change ideas' statuses,
// ordering within a column and the JSON file a diagram is exported to and imported from all live
// here, free of the database, so the forms, the API and the import apply the same ones.

export const BOX_KINDS = ["PRIMARY", "SECONDARY", "CHANGE_IDEA"] as const;
export type BoxKind = (typeof BOX_KINDS)[number];

export const CHANGE_IDEA_STATUSES = ["IDEA", "TESTING", "ADOPTED", "ADAPTED", "ABANDONED"] as const;
export type ChangeIdeaStatus = (typeof CHANGE_IDEA_STATUSES)[number];

export const STATUS_LABELS: Record<ChangeIdeaStatus, string> = {
  IDEA: "Idea",
  TESTING: "Testing",
  ADOPTED: "Adopted",
  ADAPTED: "Adapted",
  ABANDONED: "Abandoned",
};

export const KIND_LABELS: Record<BoxKind, { one: string; many: string }> = {
  PRIMARY: { one: "primary driver", many: "primary drivers" },
  SECONDARY: { one: "secondary driver", many: "secondary drivers" },
  CHANGE_IDEA: { one: "change idea", many: "change ideas" },
};

/** What a box links to: secondary drivers to primary drivers, change ideas to secondary drivers. */
export const PARENT_KIND: Record<BoxKind, BoxKind | null> = { PRIMARY: null, SECONDARY: "PRIMARY", CHANGE_IDEA: "SECONDARY" };
export const CHILD_KIND: Record<BoxKind, BoxKind | null> = { PRIMARY: "SECONDARY", SECONDARY: "CHANGE_IDEA", CHANGE_IDEA: null };

export const MAX_BOX_TEXT = 300;
/** Per column. A diagram is a one-page picture; beyond this it is a list, not a diagram. */
export const MAX_BOXES: Record<BoxKind, number> = { PRIMARY: 20, SECONDARY: 60, CHANGE_IDEA: 150 };

export interface DiagramBox {
  id: string;
  kind: BoxKind;
  text: string;
  /** Order within its column, from 0. */
  position: number;
  /** Change ideas only. */
  status: ChangeIdeaStatus | null;
  /** The boxes it serves, in the order of their column. */
  parentIds: string[];
}

export interface DriverDiagram {
  primary: DiagramBox[];
  secondary: DiagramBox[];
  changeIdeas: DiagramBox[];
}

export function column(diagram: DriverDiagram, kind: BoxKind): DiagramBox[] {
  return kind === "PRIMARY" ? diagram.primary : kind === "SECONDARY" ? diagram.secondary : diagram.changeIdeas;
}

export function allBoxes(diagram: DriverDiagram): DiagramBox[] {
  return [...diagram.primary, ...diagram.secondary, ...diagram.changeIdeas];
}

/** Sorts each column by position and each box's links by their column's order. */
export function buildDiagram(boxes: readonly DiagramBox[]): DriverDiagram {
  const byPosition = (a: DiagramBox, b: DiagramBox) => a.position - b.position || a.id.localeCompare(b.id);
  const of = (kind: BoxKind) => boxes.filter((n) => n.kind === kind).sort(byPosition);
  const order = new Map<string, number>();
  for (const kind of BOX_KINDS) of(kind).forEach((n, i) => order.set(n.id, i));
  const withSortedLinks = (n: DiagramBox) => ({
    ...n,
    parentIds: [...new Set(n.parentIds)].filter((id) => order.has(id)).sort((a, b) => order.get(a)! - order.get(b)!),
  });
  return { primary: of("PRIMARY").map(withSortedLinks), secondary: of("SECONDARY").map(withSortedLinks), changeIdeas: of("CHANGE_IDEA").map(withSortedLinks) };
}

/** The boxes that serve this one (its children). */
export function childrenOf(diagram: DriverDiagram, box: DiagramBox): DiagramBox[] {
  const kind = CHILD_KIND[box.kind];
  return kind ? column(diagram, kind).filter((c) => c.parentIds.includes(box.id)) : [];
}

// ---------------------------------------------------------------------------------------------------
// Input: adding and changing a box
// ---------------------------------------------------------------------------------------------------

const textField = (kind: BoxKind) =>
  z
    .string({ error: `Enter the ${KIND_LABELS[kind].one}` })
    .trim()
    .min(1, `Enter the ${KIND_LABELS[kind].one}`)
    .max(MAX_BOX_TEXT, `The ${KIND_LABELS[kind].one} must be ${MAX_BOX_TEXT} characters or fewer`);

const statusField = z.enum(CHANGE_IDEA_STATUSES, { error: "Choose the change idea's status: idea, testing, adopted, adapted or abandoned" });

const parentIdsField = z.array(z.string().min(1), { error: "Choose what it links to" }).max(200);

/** Adding a box. parentIds are checked against the diagram by checkBox. */
export const newBoxSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("PRIMARY"), text: textField("PRIMARY"), parentIds: z.array(z.string()).max(0, "A primary driver links to the aim, not to other boxes").default([]) }).strict(),
    z.object({ kind: z.literal("SECONDARY"), text: textField("SECONDARY"), parentIds: parentIdsField.default([]) }).strict(),
    z.object({ kind: z.literal("CHANGE_IDEA"), text: textField("CHANGE_IDEA"), parentIds: parentIdsField.default([]), status: statusField.default("IDEA") }).strict(),
  ],
  { error: "Say what to add: a primary driver, a secondary driver or a change idea" },
);
export type NewBox = z.output<typeof newBoxSchema>;

/** Changing a box: any of its text, links and (change ideas) status. */
export const boxChangeSchema = z
  .object({
    text: z.string({ error: "Enter the text" }).trim().min(1, "Enter the text").max(MAX_BOX_TEXT, `The text must be ${MAX_BOX_TEXT} characters or fewer`).optional(),
    parentIds: parentIdsField.optional(),
    status: statusField.optional(),
  })
  .strict()
  // Only when nothing else is wrong: an unknown field alone is reported as unknown, not as "empty".
  .refine((change) => Object.keys(change).length > 0, { message: "Send at least one of text, parentIds and status", when: (payload) => payload.issues.length === 0 });
export type BoxChange = z.output<typeof boxChangeSchema>;

export const MOVES = ["up", "down", "top", "bottom"] as const;
/** One step or to an end (the buttons), or a place in the column counted from 1 (dragging a box). */
export type Move = (typeof MOVES)[number] | number;
const MOVE_PROBLEM = "Say where to move it: up, down, top, bottom or a place from 1";
export const moveSchema = z.object({
  direction: z.preprocess(
    // A form sends the place as text.
    (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z.union([z.enum(MOVES), z.number().int(MOVE_PROBLEM).min(1, MOVE_PROBLEM).max(Number.MAX_SAFE_INTEGER, MOVE_PROBLEM)], { error: MOVE_PROBLEM }),
  ),
});

export type FieldProblems = Record<string, string>;

/**
 * Whether a box with these links may stand in the diagram: a secondary driver must link to at
 * least one primary driver of the same diagram, a change idea to at least one secondary driver;
 * a status belongs only to change ideas. Returns the problems by field, empty when it may.
 */
export function checkBox(
  diagram: DriverDiagram,
  box: { kind: BoxKind; parentIds: readonly string[]; status?: ChangeIdeaStatus | null },
): FieldProblems {
  const problems: FieldProblems = {};
  const parentKind = PARENT_KIND[box.kind];
  if (parentKind === null) {
    if (box.parentIds.length > 0) problems.parentIds = "A primary driver links to the aim, not to other boxes";
  } else {
    const candidates = new Set(column(diagram, parentKind).map((n) => n.id));
    if (box.parentIds.length === 0) {
      problems.parentIds = `A ${KIND_LABELS[box.kind].one} must link to at least one ${KIND_LABELS[parentKind].one}${candidates.size === 0 ? `: add a ${KIND_LABELS[parentKind].one} first` : ""}`;
    } else if (box.parentIds.some((id) => !candidates.has(id))) {
      problems.parentIds = `A ${KIND_LABELS[box.kind].one} can only link to ${KIND_LABELS[parentKind].many} of this diagram`;
    }
  }
  if (box.kind !== "CHANGE_IDEA" && box.status != null) problems.status = "Only change ideas have a status";
  return problems;
}

/** Boxes that would be left linked to nothing if this one were deleted (they must be relinked first). */
export function orphanedByDeleting(diagram: DriverDiagram, id: string): DiagramBox[] {
  const box = allBoxes(diagram).find((n) => n.id === id);
  if (!box) return [];
  return childrenOf(diagram, box).filter((child) => child.parentIds.every((p) => p === id));
}

/** The column's ids in their new order after moving one box (a place past the end means the end). */
export function moveInColumn(order: readonly string[], id: string, direction: Move): string[] {
  const from = order.indexOf(id);
  if (from === -1) return [...order];
  const last = order.length - 1;
  const to = typeof direction === "number" ? Math.min(Math.max(direction - 1, 0), last) : { up: Math.max(0, from - 1), down: Math.min(last, from + 1), top: 0, bottom: last }[direction];
  const next = [...order];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

// ---------------------------------------------------------------------------------------------------
// The outline: the diagram as a nested list (screen readers, keyboard, print)
// ---------------------------------------------------------------------------------------------------

export interface OutlineItem {
  box: DiagramBox;
  children: OutlineItem[];
}

/**
 * Primary drivers, each with the secondary drivers that serve it, each with the change ideas that
 * serve that. A box linked to two parents appears under both, as on the paper template; a box
 * the nesting does not reach from a primary driver (possible only in data from before a rule) is
 * listed under "not linked", so the outline never leaves out a box the picture draws.
 */
export function outline(diagram: DriverDiagram): { items: OutlineItem[]; unlinked: DiagramBox[] } {
  const reached = new Set<string>();
  const itemFor = (box: DiagramBox): OutlineItem => {
    reached.add(box.id);
    return { box, children: childrenOf(diagram, box).map(itemFor) };
  };
  const items = diagram.primary.map(itemFor);
  const unlinked = [...diagram.secondary, ...diagram.changeIdeas].filter((n) => !reached.has(n.id));
  return { items, unlinked };
}

// ---------------------------------------------------------------------------------------------------
// The JSON file: export, and import to copy a diagram to another team
// ---------------------------------------------------------------------------------------------------

export const DIAGRAM_FILE_FORMAT = "wardsafe-driver-diagram";
export const DIAGRAM_FILE_VERSION = 1;

const STATUS_WORDS = CHANGE_IDEA_STATUSES.map((s) => s.toLowerCase()) as [string, ...string[]];

const fileRef = z.string({ error: "Give each box an id" }).trim().min(1, "Give each box an id").max(40, "Box ids must be 40 characters or fewer");
const fileText = (what: string) =>
  z.string({ error: `Enter the ${what}` }).trim().min(1, `Enter the ${what}`).max(MAX_BOX_TEXT, `The ${what} must be ${MAX_BOX_TEXT} characters or fewer`);

/** The file as exported. Ids are the file's own (P1, S1, C1), never database ids. */
export const diagramFileSchema = z
  .object({
    format: z.literal(DIAGRAM_FILE_FORMAT, { error: `This is not a Wardsafe driver diagram file (its "format" must be "${DIAGRAM_FILE_FORMAT}")` }),
    version: z.literal(DIAGRAM_FILE_VERSION, { error: `This file's version is not one Wardsafe reads (expected ${DIAGRAM_FILE_VERSION})` }),
    team: z.string().max(200).optional(),
    exportedAt: z.string().max(40).optional(),
    aim: z
      .object({
        statement: z.string().trim().max(500, "The aim statement must be 500 characters or fewer"),
        targetPercent: z.number().int().min(1).max(100).nullable(),
        targetDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, "The target date must be a date, for example 2027-03-31")
          .refine(isValidDate, "The target date must be a real date")
          .nullable(),
      })
      .optional(),
    primaryDrivers: z.array(z.object({ id: fileRef, text: fileText("primary driver") }), { error: "List the primary drivers" }).max(MAX_BOXES.PRIMARY, `A diagram holds at most ${MAX_BOXES.PRIMARY} primary drivers`),
    secondaryDrivers: z
      .array(z.object({ id: fileRef, text: fileText("secondary driver"), primaryDrivers: z.array(fileRef, { error: "List the primary drivers it links to" }) }), { error: "List the secondary drivers" })
      .max(MAX_BOXES.SECONDARY, `A diagram holds at most ${MAX_BOXES.SECONDARY} secondary drivers`),
    changeIdeas: z
      .array(
        z.object({
          id: fileRef,
          text: fileText("change idea"),
          status: z.enum(STATUS_WORDS, { error: `A change idea's status must be one of ${STATUS_WORDS.join(", ")}` }).default("idea"),
          secondaryDrivers: z.array(fileRef, { error: "List the secondary drivers it links to" }),
        }),
        { error: "List the change ideas" },
      )
      .max(MAX_BOXES.CHANGE_IDEA, `A diagram holds at most ${MAX_BOXES.CHANGE_IDEA} change ideas`),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    const groups = [
      ["primaryDrivers", file.primaryDrivers],
      ["secondaryDrivers", file.secondaryDrivers],
      ["changeIdeas", file.changeIdeas],
    ] as const;
    for (const [key, list] of groups) {
      list.forEach((box, i) => {
        if (seen.has(box.id)) ctx.addIssue({ code: "custom", path: [key, i, "id"], message: `The id "${box.id}" is used by more than one box` });
        seen.add(box.id);
      });
    }
    const primaries = new Set(file.primaryDrivers.map((p) => p.id));
    const secondaries = new Set(file.secondaryDrivers.map((s) => s.id));
    file.secondaryDrivers.forEach((s, i) => {
      if (s.primaryDrivers.length === 0) ctx.addIssue({ code: "custom", path: ["secondaryDrivers", i, "primaryDrivers"], message: `The secondary driver "${s.text}" must link to at least one primary driver` });
      for (const ref of s.primaryDrivers) {
        if (!primaries.has(ref)) ctx.addIssue({ code: "custom", path: ["secondaryDrivers", i, "primaryDrivers"], message: `"${ref}" is not a primary driver in this file` });
      }
    });
    file.changeIdeas.forEach((c, i) => {
      if (c.secondaryDrivers.length === 0) ctx.addIssue({ code: "custom", path: ["changeIdeas", i, "secondaryDrivers"], message: `The change idea "${c.text}" must link to at least one secondary driver` });
      for (const ref of c.secondaryDrivers) {
        if (!secondaries.has(ref)) ctx.addIssue({ code: "custom", path: ["changeIdeas", i, "secondaryDrivers"], message: `"${ref}" is not a secondary driver in this file` });
      }
    });
  });
export type DiagramFile = z.output<typeof diagramFileSchema>;

export function toDiagramFile(diagram: DriverDiagram, aim: { statement: string; targetPercent: number | null; targetDate: string | null }, team: string, exportedAt: Date): DiagramFile {
  const refs = new Map<string, string>();
  diagram.primary.forEach((n, i) => refs.set(n.id, `P${i + 1}`));
  diagram.secondary.forEach((n, i) => refs.set(n.id, `S${i + 1}`));
  diagram.changeIdeas.forEach((n, i) => refs.set(n.id, `C${i + 1}`));
  const linked = (n: DiagramBox) => n.parentIds.map((id) => refs.get(id)).filter((r): r is string => r !== undefined);
  return {
    format: DIAGRAM_FILE_FORMAT,
    version: DIAGRAM_FILE_VERSION,
    team,
    exportedAt: exportedAt.toISOString(),
    aim,
    primaryDrivers: diagram.primary.map((n) => ({ id: refs.get(n.id)!, text: n.text })),
    secondaryDrivers: diagram.secondary.map((n) => ({ id: refs.get(n.id)!, text: n.text, primaryDrivers: linked(n) })),
    changeIdeas: diagram.changeIdeas.map((n) => ({ id: refs.get(n.id)!, text: n.text, status: (n.status ?? "IDEA").toLowerCase(), secondaryDrivers: linked(n) })),
  };
}

/** One box to create from a file, in an order where every box's links are created before it. */
export interface ImportedBox {
  ref: string;
  kind: BoxKind;
  text: string;
  status: ChangeIdeaStatus | null;
  parentRefs: string[];
}

export const IMPORT_MODES = ["add", "replace"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * The boxes a file adds. A copy starts a new team's own tests, so change ideas come in as "idea"
 * unless keepStatuses is set (a team restoring its own export).
 */
export function importPlan(file: DiagramFile, options: { keepStatuses: boolean }): ImportedBox[] {
  return [
    ...file.primaryDrivers.map((p) => ({ ref: p.id, kind: "PRIMARY" as const, text: p.text, status: null, parentRefs: [] })),
    ...file.secondaryDrivers.map((s) => ({ ref: s.id, kind: "SECONDARY" as const, text: s.text, status: null, parentRefs: [...new Set(s.primaryDrivers)] })),
    ...file.changeIdeas.map((c) => ({
      ref: c.id,
      kind: "CHANGE_IDEA" as const,
      text: c.text,
      status: options.keepStatuses ? (c.status.toUpperCase() as ChangeIdeaStatus) : ("IDEA" as const),
      parentRefs: [...new Set(c.secondaryDrivers)],
    })),
  ];
}

/** Whether adding these boxes to a diagram keeps each column within its limit; the problem if not. */
export function importFits(diagram: DriverDiagram, plan: readonly ImportedBox[], mode: ImportMode): string | null {
  for (const kind of BOX_KINDS) {
    const existing = mode === "replace" ? 0 : column(diagram, kind).length;
    const adding = plan.filter((n) => n.kind === kind).length;
    if (existing + adding > MAX_BOXES[kind]) {
      return `The diagram would have ${existing + adding} ${KIND_LABELS[kind].many}; it holds at most ${MAX_BOXES[kind]}`;
    }
  }
  return null;
}
