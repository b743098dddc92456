import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allBoxes,
  buildDiagram,
  checkBox,
  childrenOf,
  diagramFileSchema,
  importFits,
  importPlan,
  moveInColumn,
  MOVES,
  moveSchema,
  newBoxSchema,
  boxChangeSchema,
  orphanedByDeleting,
  outline,
  toDiagramFile,
  type DiagramFile,
  type DiagramBox,
  type DriverDiagram,
  type ImportedBox,
  type Move,
  type OutlineItem,
} from "@/lib/improvement/driver-diagram";
import { box, sampleDiagram, sampleBoxes, shape, validDiagramArb } from "./helpers";

// The driver diagram's rules without the database: ordering, which links a box may have, what a
// delete would orphan, moving within a column, the outline, the input schemas and the JSON file
// a diagram is exported to and imported from.

const ids = (boxes: readonly DiagramBox[]) => boxes.map((n) => n.id);

/** Each problem as "path: message", so a test names both the field and the words a person reads. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("buildDiagram", () => {
  it("puts each box in its column, in position order, ties broken by id", () => {
    const diagram = buildDiagram([
      box("c-b", "CHANGE_IDEA", 0, ["s-a"]),
      box("p-2", "PRIMARY", 5),
      box("s-a", "SECONDARY", 3, ["p-1"]),
      box("p-1", "PRIMARY", 1),
      box("c-a", "CHANGE_IDEA", 0, ["s-a"]),
      box("p-0", "PRIMARY", 2),
      box("s-b", "SECONDARY", 0, ["p-1"]),
    ]);
    expect(ids(diagram.primary)).toEqual(["p-1", "p-0", "p-2"]);
    expect(ids(diagram.secondary)).toEqual(["s-b", "s-a"]);
    expect(ids(diagram.changeIdeas)).toEqual(["c-a", "c-b"]);
  });

  it("orders each box's links by their column's order, drops repeats and links to boxes not in the diagram", () => {
    const diagram = buildDiagram([
      box("p-a", "PRIMARY", 2),
      box("p-b", "PRIMARY", 0),
      box("p-c", "PRIMARY", 1),
      box("s", "SECONDARY", 0, ["p-a", "deleted", "p-b", "p-a", "p-c", "p-b"]),
      box("c", "CHANGE_IDEA", 0, ["other-team", "s"]),
    ]);
    expect(diagram.secondary[0]!.parentIds).toEqual(["p-b", "p-c", "p-a"]);
    expect(diagram.changeIdeas[0]!.parentIds).toEqual(["s"]);
  });

  it("does not change the boxes it was given", () => {
    const boxes = [box("p", "PRIMARY", 0), box("s", "SECONDARY", 0, ["p", "p", "gone"])];
    buildDiagram(boxes);
    expect(boxes[1]!.parentIds).toEqual(["p", "p", "gone"]);
  });

  it("gives an empty diagram for no boxes", () => {
    expect(buildDiagram([])).toEqual({ primary: [], secondary: [], changeIdeas: [] });
  });

  it("is settled: building a built diagram again changes nothing", () => {
    fc.assert(
      fc.property(validDiagramArb, (diagram) => {
        expect(buildDiagram(allBoxes(diagram))).toEqual(diagram);
      }),
      { numRuns: 200 },
    );
  });
});

describe("childrenOf", () => {
  it("lists the boxes that serve a box, in their column's order", () => {
    const diagram = sampleDiagram();
    const box = (id: string) => allBoxes(diagram).find((n) => n.id === id)!;
    expect(ids(childrenOf(diagram, box("p1")))).toEqual(["s1", "s2"]);
    expect(ids(childrenOf(diagram, box("s3")))).toEqual(["c2", "c3"]);
    expect(childrenOf(diagram, box("c1"))).toEqual([]);
  });
});

describe("checkBox", () => {
  const diagram = sampleDiagram();
  const empty = buildDiagram([]);
  const onlyPrimaries = buildDiagram([box("p1", "PRIMARY", 0)]);

  it("accepts a secondary driver linked to primary drivers of this diagram", () => {
    expect(checkBox(diagram, { kind: "SECONDARY", parentIds: ["p1"] })).toEqual({});
    expect(checkBox(diagram, { kind: "SECONDARY", parentIds: ["p2", "p1"], status: null })).toEqual({});
  });

  it("accepts a change idea linked to secondary drivers, with any status", () => {
    expect(checkBox(diagram, { kind: "CHANGE_IDEA", parentIds: ["s1", "s3"] })).toEqual({});
    expect(checkBox(diagram, { kind: "CHANGE_IDEA", parentIds: ["s2"], status: "ABANDONED" })).toEqual({});
  });

  it("accepts a primary driver with no links", () => {
    expect(checkBox(empty, { kind: "PRIMARY", parentIds: [] })).toEqual({});
  });

  it("refuses a secondary driver linked to nothing, saying to add a primary driver first when there is none", () => {
    expect(checkBox(diagram, { kind: "SECONDARY", parentIds: [] })).toEqual({ parentIds: "A secondary driver must link to at least one primary driver" });
    expect(checkBox(empty, { kind: "SECONDARY", parentIds: [] })).toEqual({
      parentIds: "A secondary driver must link to at least one primary driver: add a primary driver first",
    });
  });

  it("refuses a change idea linked to nothing, saying to add a secondary driver first when there is none", () => {
    expect(checkBox(diagram, { kind: "CHANGE_IDEA", parentIds: [] })).toEqual({ parentIds: "A change idea must link to at least one secondary driver" });
    expect(checkBox(onlyPrimaries, { kind: "CHANGE_IDEA", parentIds: [] })).toEqual({
      parentIds: "A change idea must link to at least one secondary driver: add a secondary driver first",
    });
  });

  it.each([
    ["another team's primary driver", ["elsewhere"]],
    ["a secondary driver", ["s1"]],
    ["a change idea", ["c1"]],
    ["one good link and one bad", ["p1", "s2"]],
  ])("refuses a secondary driver linked to %s", (_, parentIds) => {
    expect(checkBox(diagram, { kind: "SECONDARY", parentIds })).toEqual({ parentIds: "A secondary driver can only link to primary drivers of this diagram" });
  });

  it.each([
    ["a primary driver", ["p1"]],
    ["another change idea", ["c2"]],
    ["another team's secondary driver", ["s1", "elsewhere"]],
  ])("refuses a change idea linked to %s", (_, parentIds) => {
    expect(checkBox(diagram, { kind: "CHANGE_IDEA", parentIds })).toEqual({ parentIds: "A change idea can only link to secondary drivers of this diagram" });
  });

  it("refuses links on a primary driver, which links only to the aim", () => {
    expect(checkBox(diagram, { kind: "PRIMARY", parentIds: ["p2"] })).toEqual({ parentIds: "A primary driver links to the aim, not to other boxes" });
  });

  it("refuses a status on anything but a change idea", () => {
    expect(checkBox(diagram, { kind: "PRIMARY", parentIds: [], status: "TESTING" })).toEqual({ status: "Only change ideas have a status" });
    expect(checkBox(diagram, { kind: "SECONDARY", parentIds: ["p1"], status: "IDEA" })).toEqual({ status: "Only change ideas have a status" });
    expect(checkBox(diagram, { kind: "SECONDARY", parentIds: [], status: "ADOPTED" })).toEqual({
      parentIds: "A secondary driver must link to at least one primary driver",
      status: "Only change ideas have a status",
    });
  });
});

describe("orphanedByDeleting", () => {
  const diagram = sampleDiagram();

  it("names the boxes whose only link is the one being deleted", () => {
    expect(ids(orphanedByDeleting(diagram, "p1"))).toEqual(["s1"]);
    expect(ids(orphanedByDeleting(diagram, "p2"))).toEqual(["s3"]);
    expect(ids(orphanedByDeleting(diagram, "s3"))).toEqual(["c3"]);
    expect(ids(orphanedByDeleting(diagram, "s1"))).toEqual(["c1"]);
  });

  it("leaves out boxes that still have another link", () => {
    // s2 serves both primary drivers; c2 serves both s2 and s3.
    expect(orphanedByDeleting(diagram, "s2")).toEqual([]);
  });

  it("is empty for a change idea and for a box not in the diagram", () => {
    expect(orphanedByDeleting(diagram, "c2")).toEqual([]);
    expect(orphanedByDeleting(diagram, "nope")).toEqual([]);
  });
});

describe("moveInColumn", () => {
  const order = ["a", "b", "c", "d"];

  it.each<[string, Move, string[]]>([
    ["b", "up", ["b", "a", "c", "d"]],
    ["a", "up", ["a", "b", "c", "d"]],
    ["c", "down", ["a", "b", "d", "c"]],
    ["d", "down", ["a", "b", "c", "d"]],
    ["c", "top", ["c", "a", "b", "d"]],
    ["a", "top", ["a", "b", "c", "d"]],
    ["b", "bottom", ["a", "c", "d", "b"]],
    ["d", "bottom", ["a", "b", "c", "d"]],
    // To a place counted from 1, as a dragged box is dropped: before the box there when going up,
    // after it when going down.
    ["d", 2, ["a", "d", "b", "c"]],
    ["a", 3, ["b", "c", "a", "d"]],
    ["b", 2, ["a", "b", "c", "d"]],
    ["b", 1, ["b", "a", "c", "d"]],
    ["b", 99, ["a", "c", "d", "b"]],
  ])("moves %s %s", (id, direction, expected) => {
    expect(moveInColumn(order, id, direction)).toEqual(expected);
  });

  it("leaves the order as it was for a box not in the column, as a new array", () => {
    const result = moveInColumn(order, "z", "top");
    expect(result).toEqual(order);
    expect(result).not.toBe(order);
  });

  it("copes with a column of one", () => {
    for (const direction of ["up", "down", "top", "bottom"] as const) expect(moveInColumn(["only"], "only", direction)).toEqual(["only"]);
  });

  it("does not change the order it was given", () => {
    const given = ["a", "b", "c"];
    moveInColumn(given, "c", "top");
    expect(given).toEqual(["a", "b", "c"]);
  });

  it("always gives the same boxes, the moved one where asked and the rest in their order", () => {
    const arb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }).chain((column) =>
      fc.tuple(fc.constant(column), fc.nat({ max: column.length - 1 }), fc.constantFrom(...MOVES)),
    );
    fc.assert(
      fc.property(arb, ([column, from, direction]) => {
        const id = column[from]!;
        const next = moveInColumn(column, id, direction);
        expect([...next].sort()).toEqual([...column].sort());
        const expectedIndex = { up: Math.max(0, from - 1), down: Math.min(column.length - 1, from + 1), top: 0, bottom: column.length - 1 }[direction];
        expect(next.indexOf(id)).toBe(expectedIndex);
        expect(next.filter((x) => x !== id)).toEqual(column.filter((x) => x !== id));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with the buttons: a place is the index the button would reach, plus one", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }).chain((column) => fc.tuple(fc.constant(column), fc.nat({ max: column.length - 1 }))),
        ([column, from]) => {
          const id = column[from]!;
          expect(moveInColumn(column, id, 1)).toEqual(moveInColumn(column, id, "top"));
          expect(moveInColumn(column, id, column.length)).toEqual(moveInColumn(column, id, "bottom"));
          expect(moveInColumn(column, id, Math.max(1, from))).toEqual(moveInColumn(column, id, "up"));
          expect(moveInColumn(column, id, from + 2)).toEqual(moveInColumn(column, id, "down"));
        },
      ),
    );
  });

  it("accepts the four directions and a whole place from 1, given as a number or as a form's text", () => {
    expect(moveSchema.parse({ direction: "bottom" })).toEqual({ direction: "bottom" });
    expect(moveSchema.parse({ direction: 3 })).toEqual({ direction: 3 });
    expect(moveSchema.parse({ direction: "3" })).toEqual({ direction: 3 });
    for (const bad of ["left", 0, -1, 1.5, "1.5", "", null, "3 up"]) {
      expect(problems(moveSchema.safeParse({ direction: bad })), String(bad)).toEqual(["direction: Say where to move it: up, down, top, bottom or a place from 1"]);
    }
  });
});

describe("outline", () => {
  const walk = (item: OutlineItem): unknown => ({ id: item.box.id, children: item.children.map(walk) });

  it("nests the diagram, a box linked to two parents appearing under both", () => {
    const { items, unlinked } = outline(sampleDiagram());
    expect(items.map(walk)).toEqual([
      {
        id: "p1",
        children: [
          { id: "s1", children: [{ id: "c1", children: [] }] },
          { id: "s2", children: [{ id: "c2", children: [] }] },
        ],
      },
      {
        id: "p2",
        children: [
          { id: "s2", children: [{ id: "c2", children: [] }] },
          { id: "s3", children: [{ id: "c2", children: [] }, { id: "c3", children: [] }] },
        ],
      },
    ]);
    expect(unlinked).toEqual([]);
  });

  it("lists boxes linked to nothing (data from before the rules) as not linked", () => {
    const diagram = buildDiagram([
      box("p1", "PRIMARY", 0),
      box("s1", "SECONDARY", 0, ["p1"]),
      box("s-old", "SECONDARY", 1, []),
      box("s-gone", "SECONDARY", 2, ["deleted-primary"]),
      box("c-old", "CHANGE_IDEA", 0, []),
      box("c1", "CHANGE_IDEA", 1, ["s1"]),
    ]);
    const { items, unlinked } = outline(diagram);
    expect(ids(unlinked)).toEqual(["s-old", "s-gone", "c-old"]);
    expect(items.map(walk)).toEqual([{ id: "p1", children: [{ id: "s1", children: [{ id: "c1", children: [] }] }] }]);
  });

  it("treats a link to a box missing from the diagram as no link, even when not built by buildDiagram", () => {
    const diagram: DriverDiagram = { primary: [box("p1", "PRIMARY", 0)], secondary: [box("s1", "SECONDARY", 0, ["ghost"])], changeIdeas: [] };
    expect(ids(outline(diagram).unlinked)).toEqual(["s1"]);
  });

  it("lists a change idea whose only secondary driver is itself unlinked, so the outline never drops a box the picture draws", () => {
    const diagram = buildDiagram([box("p1", "PRIMARY", 0), box("s-old", "SECONDARY", 0, []), box("c-under-old", "CHANGE_IDEA", 0, ["s-old"])]);
    expect(ids(outline(diagram).unlinked)).toEqual(["s-old", "c-under-old"]);
  });

  it("is empty for an empty diagram", () => {
    expect(outline(buildDiagram([]))).toEqual({ items: [], unlinked: [] });
  });
});

describe("newBoxSchema", () => {
  it("takes a primary driver with no links, trimming its text", () => {
    expect(newBoxSchema.parse({ kind: "PRIMARY", text: "  Staff feel confident  " })).toEqual({ kind: "PRIMARY", text: "Staff feel confident", parentIds: [] });
  });

  it("gives a new change idea the status idea unless told", () => {
    expect(newBoxSchema.parse({ kind: "CHANGE_IDEA", text: "Huddle question", parentIds: ["s1"] })).toEqual({
      kind: "CHANGE_IDEA",
      text: "Huddle question",
      parentIds: ["s1"],
      status: "IDEA",
    });
    expect(newBoxSchema.parse({ kind: "CHANGE_IDEA", text: "x", parentIds: ["s1"], status: "TESTING" })).toMatchObject({ status: "TESTING" });
  });

  it("refuses a blank link", () => {
    expect(newBoxSchema.safeParse({ kind: "SECONDARY", text: "x", parentIds: ["p1", ""] }).error!.issues.map((i) => i.path)).toEqual([["parentIds", 1]]);
  });

  it("takes text of exactly 300 characters", () => {
    expect(newBoxSchema.safeParse({ kind: "SECONDARY", text: "x".repeat(300), parentIds: ["p"] }).success).toBe(true);
  });

  it.each([
    [{ kind: "PRIMARY", text: "   " }, ["text: Enter the primary driver"]],
    [{ kind: "SECONDARY", parentIds: ["p"] }, ["text: Enter the secondary driver"]],
    [{ kind: "CHANGE_IDEA", text: "" }, ["text: Enter the change idea"]],
    [{ kind: "SECONDARY", text: "x".repeat(301), parentIds: ["p"] }, ["text: The secondary driver must be 300 characters or fewer"]],
    [{ kind: "PRIMARY", text: "x", parentIds: ["p2"] }, ["parentIds: A primary driver links to the aim, not to other boxes"]],
    [{ kind: "SECONDARY", text: "x", parentIds: "p1" }, ["parentIds: Choose what it links to"]],
    [{ kind: "CHANGE_IDEA", text: "x", status: "DONE" }, ["status: Choose the change idea's status: idea, testing, adopted, adapted or abandoned"]],
    [{ kind: "CHANGE_IDEA", text: "x", status: "testing" }, ["status: Choose the change idea's status: idea, testing, adopted, adapted or abandoned"]],
    [{ kind: "AIM", text: "x" }, ["kind: Say what to add: a primary driver, a secondary driver or a change idea"]],
    [{ text: "x" }, ["kind: Say what to add: a primary driver, a secondary driver or a change idea"]],
  ])("refuses %j: %j", (input, expected) => {
    expect(problems(newBoxSchema.safeParse(input))).toEqual(expected);
  });
});

describe("boxChangeSchema", () => {
  it("takes any of text, links and status, but not nothing at all", () => {
    expect(problems(boxChangeSchema.safeParse({}))).toEqual([": Send at least one of text, parentIds and status"]);
    expect(boxChangeSchema.parse({ status: "TESTING" })).toEqual({ status: "TESTING" });
    expect(boxChangeSchema.parse({ text: " New words ", parentIds: ["s1", "s2"], status: "ADAPTED" })).toEqual({ text: "New words", parentIds: ["s1", "s2"], status: "ADAPTED" });
  });

  it.each([
    [{ text: "  " }, ["text: Enter the text"]],
    [{ text: 42 }, ["text: Enter the text"]],
    [{ text: "x".repeat(301) }, ["text: The text must be 300 characters or fewer"]],
    [{ status: "FINISHED" }, ["status: Choose the change idea's status: idea, testing, adopted, adapted or abandoned"]],
    [{ parentIds: null }, ["parentIds: Choose what it links to"]],
  ])("refuses %j: %j", (input, expected) => {
    expect(problems(boxChangeSchema.safeParse(input))).toEqual(expected);
  });

  it("refuses fields it does not change, such as the kind or the team", () => {
    const result = boxChangeSchema.safeParse({ text: "x", kind: "PRIMARY", teamId: "t" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.code).toBe("unrecognized_keys");
  });
});

/** A small, valid file as a person might write or edit it. */
function validFile(): Record<string, unknown> & { primaryDrivers: unknown[]; secondaryDrivers: unknown[]; changeIdeas: unknown[] } {
  return {
    format: "wardsafe-driver-diagram",
    version: 1,
    team: "Ward 7 project team",
    exportedAt: "2026-04-01T10:00:00.000Z",
    aim: { statement: "Everyone feels safe", targetPercent: 90, targetDate: "2027-03-31" },
    primaryDrivers: [
      { id: "P1", text: "Staff confidence" },
      { id: "P2", text: "Service user voice" },
    ],
    secondaryDrivers: [
      { id: "S1", text: "Training", primaryDrivers: ["P1"] },
      { id: "S2", text: "Huddles", primaryDrivers: ["P1", "P2"] },
    ],
    changeIdeas: [
      { id: "C1", text: "Teaching at handover", status: "testing", secondaryDrivers: ["S1"] },
      { id: "C2", text: "Huddle question", secondaryDrivers: ["S2", "S1"] },
    ],
  };
}

describe("diagramFileSchema", () => {
  it("accepts a valid file, the status defaulting to idea and the aim optional", () => {
    const parsed = diagramFileSchema.parse(validFile());
    expect(parsed.changeIdeas.map((c) => c.status)).toEqual(["testing", "idea"]);
    const bare = validFile();
    delete bare.aim;
    delete bare.team;
    delete bare.exportedAt;
    expect(diagramFileSchema.safeParse(bare).success).toBe(true);
  });

  it("accepts an empty diagram", () => {
    expect(diagramFileSchema.safeParse({ ...validFile(), primaryDrivers: [], secondaryDrivers: [], changeIdeas: [] }).success).toBe(true);
  });

  it.each([
    ["a different format", { format: "miro-board" }, ['format: This is not a Wardsafe driver diagram file (its "format" must be "wardsafe-driver-diagram")']],
    ["no format", { format: undefined }, ['format: This is not a Wardsafe driver diagram file (its "format" must be "wardsafe-driver-diagram")']],
    ["a later version", { version: 2 }, ["version: This file's version is not one Wardsafe reads (expected 1)"]],
    ["the version as text", { version: "1" }, ["version: This file's version is not one Wardsafe reads (expected 1)"]],
    ["no primary drivers list", { primaryDrivers: undefined }, ["primaryDrivers: List the primary drivers"]],
    ["no change ideas list", { changeIdeas: "none" }, ["changeIdeas: List the change ideas"]],
  ])("refuses %s", (_, change, expected) => {
    expect(problems(diagramFileSchema.safeParse({ ...validFile(), ...change }))).toEqual(expected);
  });

  it("refuses an id used twice, within a column or across columns (after trimming)", () => {
    const file = validFile();
    file.primaryDrivers = [
      { id: "P1", text: "a" },
      { id: " P1 ", text: "b" },
    ];
    file.secondaryDrivers = [{ id: "S1", text: "s", primaryDrivers: ["P1"] }];
    file.changeIdeas = [{ id: "S1", text: "c", secondaryDrivers: ["S1"] }];
    expect(problems(diagramFileSchema.safeParse(file))).toEqual([
      'primaryDrivers.1.id: The id "P1" is used by more than one box',
      'changeIdeas.0.id: The id "S1" is used by more than one box',
    ]);
  });

  it("refuses links to boxes that are not in the file, or are in the wrong column", () => {
    const file = validFile();
    file.secondaryDrivers = [{ id: "S1", text: "Training", primaryDrivers: ["P1", "P9"] }];
    file.changeIdeas = [{ id: "C1", text: "Teaching", secondaryDrivers: ["P1", "S1", "C1"] }];
    expect(problems(diagramFileSchema.safeParse(file))).toEqual([
      'secondaryDrivers.0.primaryDrivers: "P9" is not a primary driver in this file',
      'changeIdeas.0.secondaryDrivers: "P1" is not a secondary driver in this file',
      'changeIdeas.0.secondaryDrivers: "C1" is not a secondary driver in this file',
    ]);
  });

  it("refuses boxes linked to nothing, naming them", () => {
    const file = validFile();
    file.secondaryDrivers = [{ id: "S1", text: "Training", primaryDrivers: [] }];
    file.changeIdeas = [{ id: "C1", text: "Teaching", secondaryDrivers: [] }];
    expect(problems(diagramFileSchema.safeParse(file))).toEqual([
      'secondaryDrivers.0.primaryDrivers: The secondary driver "Training" must link to at least one primary driver',
      'changeIdeas.0.secondaryDrivers: The change idea "Teaching" must link to at least one secondary driver',
    ]);
  });

  it("refuses a box without its list of links", () => {
    const file = validFile();
    file.secondaryDrivers = [{ id: "S1", text: "Training" }];
    expect(problems(diagramFileSchema.safeParse(file))).toEqual(["secondaryDrivers.0.primaryDrivers: List the primary drivers it links to"]);
  });

  it("holds each column to its limit", () => {
    const primaries = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `P${i + 1}`, text: `Driver ${i + 1}` }));
    const secondaries = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `S${i + 1}`, text: `Driver ${i + 1}`, primaryDrivers: ["P1"] }));
    const ideas = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `C${i + 1}`, text: `Idea ${i + 1}`, secondaryDrivers: ["S1"] }));
    const file = (p: number, s: number, c: number) => ({ ...validFile(), primaryDrivers: primaries(p), secondaryDrivers: secondaries(s), changeIdeas: ideas(c) });
    expect(diagramFileSchema.safeParse(file(20, 60, 150)).success).toBe(true);
    expect(problems(diagramFileSchema.safeParse(file(21, 1, 0)))).toEqual(["primaryDrivers: A diagram holds at most 20 primary drivers"]);
    expect(problems(diagramFileSchema.safeParse(file(1, 61, 0)))).toEqual(["secondaryDrivers: A diagram holds at most 60 secondary drivers"]);
    expect(problems(diagramFileSchema.safeParse(file(1, 1, 151)))).toEqual(["changeIdeas: A diagram holds at most 150 change ideas"]);
  });

  it.each([
    ["blank text", { id: "P1", text: "  " }, "primaryDrivers.0.text: Enter the primary driver"],
    ["text over 300 characters", { id: "P1", text: "x".repeat(301) }, "primaryDrivers.0.text: The primary driver must be 300 characters or fewer"],
    ["a blank id", { id: " ", text: "x" }, "primaryDrivers.0.id: Give each box an id"],
    ["an id over 40 characters", { id: "P".repeat(41), text: "x" }, "primaryDrivers.0.id: Box ids must be 40 characters or fewer"],
  ])("refuses a box with %s", (_, box, expected) => {
    const file = validFile();
    file.primaryDrivers = [box, { id: "P2", text: "b" }];
    file.secondaryDrivers = [{ id: "S1", text: "s", primaryDrivers: ["P2"] }];
    file.changeIdeas = [];
    expect(problems(diagramFileSchema.safeParse(file))).toEqual([expected]);
  });

  it.each(["done", "TESTING", "", 3])("refuses the status %j", (status) => {
    const file = validFile();
    file.changeIdeas = [{ id: "C1", text: "Teaching", status, secondaryDrivers: ["S1"] }];
    expect(problems(diagramFileSchema.safeParse(file))).toEqual(["changeIdeas.0.status: A change idea's status must be one of idea, testing, adopted, adapted, abandoned"]);
  });

  it.each([
    ["2027-02-30", "aim.targetDate: The target date must be a real date"],
    ["31/03/2027", "aim.targetDate: The target date must be a date, for example 2027-03-31"],
  ])("refuses the target date %s", (targetDate, expected) => {
    const result = diagramFileSchema.safeParse({ ...validFile(), aim: { statement: "Aim", targetPercent: 90, targetDate } });
    expect(problems(result)[0]).toBe(expected);
  });

  it("refuses a target outside 1 to 100 and an aim statement over 500 characters", () => {
    const result = diagramFileSchema.safeParse({ ...validFile(), aim: { statement: "x".repeat(501), targetPercent: 0, targetDate: null } });
    expect(problems(result).map((p) => p.split(":")[0])).toEqual(["aim.statement", "aim.targetPercent"]);
    expect(problems(result)[0]).toBe("aim.statement: The aim statement must be 500 characters or fewer");
  });
});

describe("toDiagramFile", () => {
  it("exports the diagram with the file's own ids, links in column order and lower-case statuses", () => {
    const file = toDiagramFile(sampleDiagram(), { statement: "Everyone feels safe", targetPercent: 85, targetDate: "2027-03-31" }, "Ward 7", new Date("2026-04-01T10:30:00Z"));
    expect(file).toEqual({
      format: "wardsafe-driver-diagram",
      version: 1,
      team: "Ward 7",
      exportedAt: "2026-04-01T10:30:00.000Z",
      aim: { statement: "Everyone feels safe", targetPercent: 85, targetDate: "2027-03-31" },
      primaryDrivers: [
        { id: "P1", text: "Staff know how to respond to a disclosure" },
        { id: "P2", text: "Service users feel able to raise concerns" },
      ],
      secondaryDrivers: [
        { id: "S1", text: "Training", primaryDrivers: ["P1"] },
        { id: "S2", text: "Safety huddles", primaryDrivers: ["P1", "P2"] },
        { id: "S3", text: "Community meetings", primaryDrivers: ["P2"] },
      ],
      changeIdeas: [
        { id: "C1", text: "Ten-minute teaching at handover", status: "idea", secondaryDrivers: ["S1"] },
        { id: "C2", text: "Ask about feeling safe at every huddle", status: "testing", secondaryDrivers: ["S2", "S3"] },
        { id: "C3", text: "Standing item on the meeting agenda", status: "adopted", secondaryDrivers: ["S3"] },
      ],
    });
  });

  it("never puts database ids in the file", () => {
    const text = JSON.stringify(toDiagramFile(sampleDiagram(), { statement: "a", targetPercent: null, targetDate: null }, "T", new Date()));
    for (const n of sampleBoxes()) expect(text).not.toContain(`"${n.id}"`);
  });

  it("exports a change idea with no status as an idea", () => {
    const diagram = buildDiagram([box("p", "PRIMARY", 0), box("s", "SECONDARY", 0, ["p"]), box("c", "CHANGE_IDEA", 0, ["s"], null)]);
    expect(toDiagramFile(diagram, { statement: "a", targetPercent: null, targetDate: null }, "T", new Date()).changeIdeas[0]!.status).toBe("idea");
  });
});

/** Rebuilds a diagram from an import plan the way the import does: refs become ids, file order becomes position. */
function rebuild(plan: readonly ImportedBox[]): DriverDiagram {
  const next = { PRIMARY: 0, SECONDARY: 0, CHANGE_IDEA: 0 };
  return buildDiagram(plan.map((n) => ({ id: n.ref, kind: n.kind, text: n.text, position: next[n.kind]++, status: n.status, parentIds: n.parentRefs })));
}

const exportAndRead = (diagram: DriverDiagram): DiagramFile =>
  diagramFileSchema.parse(JSON.parse(JSON.stringify(toDiagramFile(diagram, { statement: "Aim", targetPercent: 90, targetDate: "2027-03-31" }, "Ward 7", new Date("2026-04-01T00:00:00Z")))));

describe("importPlan", () => {
  it("lists primary drivers, then secondary drivers, then change ideas, so each box's links exist before it", () => {
    const plan = importPlan(diagramFileSchema.parse(validFile()), { keepStatuses: true });
    expect(plan).toEqual([
      { ref: "P1", kind: "PRIMARY", text: "Staff confidence", status: null, parentRefs: [] },
      { ref: "P2", kind: "PRIMARY", text: "Service user voice", status: null, parentRefs: [] },
      { ref: "S1", kind: "SECONDARY", text: "Training", status: null, parentRefs: ["P1"] },
      { ref: "S2", kind: "SECONDARY", text: "Huddles", status: null, parentRefs: ["P1", "P2"] },
      { ref: "C1", kind: "CHANGE_IDEA", text: "Teaching at handover", status: "TESTING", parentRefs: ["S1"] },
      { ref: "C2", kind: "CHANGE_IDEA", text: "Huddle question", status: "IDEA", parentRefs: ["S2", "S1"] },
    ]);
  });

  it("starts every change idea as an idea unless the statuses are kept", () => {
    const file = exportAndRead(sampleDiagram());
    expect(importPlan(file, { keepStatuses: false }).filter((n) => n.kind === "CHANGE_IDEA").map((n) => n.status)).toEqual(["IDEA", "IDEA", "IDEA"]);
    expect(importPlan(file, { keepStatuses: true }).filter((n) => n.kind === "CHANGE_IDEA").map((n) => n.status)).toEqual(["IDEA", "TESTING", "ADOPTED"]);
    expect(importPlan(file, { keepStatuses: false }).filter((n) => n.kind !== "CHANGE_IDEA").every((n) => n.status === null)).toBe(true);
  });

  it("links a box once however often the file repeats the link", () => {
    const file = validFile();
    file.secondaryDrivers = [{ id: "S1", text: "Training", primaryDrivers: ["P2", "P1", "P2"] }];
    file.changeIdeas = [{ id: "C1", text: "Teaching", secondaryDrivers: ["S1", "S1"] }];
    const plan = importPlan(diagramFileSchema.parse(file), { keepStatuses: false });
    expect(plan.find((n) => n.ref === "S1")!.parentRefs).toEqual(["P2", "P1"]);
    expect(plan.find((n) => n.ref === "C1")!.parentRefs).toEqual(["S1"]);
  });

  it("round-trips the sample diagram: export, read, plan and rebuild give the same picture", () => {
    const diagram = sampleDiagram();
    expect(shape(rebuild(importPlan(exportAndRead(diagram), { keepStatuses: true })))).toEqual(shape(diagram));
  });

  it("round-trips any valid diagram, and the plan always creates links before the boxes that use them", () => {
    fc.assert(
      fc.property(validDiagramArb, fc.boolean(), (diagram, keepStatuses) => {
        const plan = importPlan(exportAndRead(diagram), { keepStatuses });
        const created = new Set<string>();
        for (const box of plan) {
          for (const ref of box.parentRefs) expect(created.has(ref)).toBe(true);
          created.add(box.ref);
        }
        const expected = shape(diagram);
        if (!keepStatuses) expected.changeIdeas = expected.changeIdeas.map((c) => ({ ...c, status: "IDEA" }));
        expect(shape(rebuild(plan))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("importFits", () => {
  const boxes = (kind: DiagramBox["kind"], n: number, prefix = kind) =>
    Array.from({ length: n }, (_, i) => box(`${prefix}-${i}`, kind, i, kind === "PRIMARY" ? [] : kind === "SECONDARY" ? ["PRIMARY-0"] : ["SECONDARY-0"]));
  const planOf = (kind: DiagramBox["kind"], n: number): ImportedBox[] => Array.from({ length: n }, (_, i) => ({ ref: `R${i}`, kind, text: "x", status: null, parentRefs: [] }));
  const diagram = buildDiagram([...boxes("PRIMARY", 19), ...boxes("SECONDARY", 60), ...boxes("CHANGE_IDEA", 150)]);

  it("lets boxes be added up to each column's limit", () => {
    expect(importFits(diagram, planOf("PRIMARY", 1), "add")).toBeNull();
    expect(importFits(diagram, [], "add")).toBeNull();
  });

  it("names the column that would overflow when adding", () => {
    expect(importFits(diagram, planOf("PRIMARY", 2), "add")).toBe("The diagram would have 21 primary drivers; it holds at most 20");
    expect(importFits(diagram, planOf("SECONDARY", 1), "add")).toBe("The diagram would have 61 secondary drivers; it holds at most 60");
    expect(importFits(diagram, planOf("CHANGE_IDEA", 3), "add")).toBe("The diagram would have 153 change ideas; it holds at most 150");
  });

  it("counts only the file's boxes when replacing", () => {
    expect(importFits(diagram, [...planOf("PRIMARY", 20), ...planOf("SECONDARY", 60), ...planOf("CHANGE_IDEA", 150)], "replace")).toBeNull();
    expect(importFits(diagram, planOf("PRIMARY", 21), "replace")).toBe("The diagram would have 21 primary drivers; it holds at most 20");
  });
});
