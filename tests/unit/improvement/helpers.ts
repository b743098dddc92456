import fc from "fast-check";
import { buildDiagram, CHANGE_IDEA_STATUSES, type ChangeIdeaStatus, type DiagramBox, type DriverDiagram, type BoxKind } from "@/lib/improvement/driver-diagram";

export function box(id: string, kind: BoxKind, position: number, parentIds: string[] = [], status: ChangeIdeaStatus | null = kind === "CHANGE_IDEA" ? "IDEA" : null): DiagramBox {
  return { id, kind, text: `Text of ${id}`, position, status, parentIds };
}

/**
 * A small ward team's diagram, as it might be drawn on the paper template. S2 serves both primary
 * drivers and C2 both S2 and S3, so the "one box, two parents" cases are always present.
 */
export function sampleBoxes(): DiagramBox[] {
  return [
    { ...box("p1", "PRIMARY", 0), text: "Staff know how to respond to a disclosure" },
    { ...box("p2", "PRIMARY", 1), text: "Service users feel able to raise concerns" },
    { ...box("s1", "SECONDARY", 0, ["p1"]), text: "Training" },
    { ...box("s2", "SECONDARY", 1, ["p1", "p2"]), text: "Safety huddles" },
    { ...box("s3", "SECONDARY", 2, ["p2"]), text: "Community meetings" },
    { ...box("c1", "CHANGE_IDEA", 0, ["s1"], "IDEA"), text: "Ten-minute teaching at handover" },
    { ...box("c2", "CHANGE_IDEA", 1, ["s2", "s3"], "TESTING"), text: "Ask about feeling safe at every huddle" },
    { ...box("c3", "CHANGE_IDEA", 2, ["s3"], "ADOPTED"), text: "Standing item on the meeting agenda" },
  ];
}

export function sampleDiagram(): DriverDiagram {
  return buildDiagram(sampleBoxes());
}

/** Box text as a form would leave it: trimmed, not blank, within the limit, sometimes not ASCII. */
export const boxTextArb = fc
  .oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }), fc.constantFrom("<b>&amp;</b>", `"quoted" & 'single'`))
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && s.length <= 300);

/**
 * Any diagram the rules allow: every secondary driver linked to at least one primary driver and
 * every change idea to at least one secondary driver. Positions are shuffled and may tie, ids
 * are database-like and unrelated to the order, so nothing depends on the input's order.
 */
export const validBoxesArb: fc.Arbitrary<DiagramBox[]> = fc
  .record({ primaries: fc.integer({ min: 1, max: 5 }), secondaries: fc.integer({ min: 0, max: 7 }), ideas: fc.integer({ min: 0, max: 9 }) })
  .chain(({ primaries, secondaries, ideas }) => {
    const ideaCount = secondaries === 0 ? 0 : ideas;
    const total = primaries + secondaries + ideaCount;
    const linksTo = (count: number) => fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { minLength: 1, maxLength: count });
    return fc.record({
      ids: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{6,12}$/), { minLength: total, maxLength: total }),
      texts: fc.array(boxTextArb, { minLength: total, maxLength: total }),
      positions: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: total, maxLength: total }),
      secondaryLinks: fc.array(linksTo(primaries), { minLength: secondaries, maxLength: secondaries }),
      ideaLinks: fc.array(secondaries > 0 ? linksTo(secondaries) : fc.constant<number[]>([]), { minLength: ideaCount, maxLength: ideaCount }),
      statuses: fc.array(fc.constantFrom(...CHANGE_IDEA_STATUSES), { minLength: ideaCount, maxLength: ideaCount }),
    }).map(({ ids, texts, positions, secondaryLinks, ideaLinks, statuses }) => {
      const primaryIds = ids.slice(0, primaries);
      const secondaryIds = ids.slice(primaries, primaries + secondaries);
      const ideaIds = ids.slice(primaries + secondaries);
      const at = (i: number) => ({ text: texts[i]!, position: positions[i]! });
      return [
        ...primaryIds.map((id, i): DiagramBox => ({ id, kind: "PRIMARY", ...at(i), status: null, parentIds: [] })),
        ...secondaryIds.map((id, i): DiagramBox => ({ id, kind: "SECONDARY", ...at(primaries + i), status: null, parentIds: secondaryLinks[i]!.map((j) => primaryIds[j]!) })),
        ...ideaIds.map((id, i): DiagramBox => ({ id, kind: "CHANGE_IDEA", ...at(primaries + secondaries + i), status: statuses[i]!, parentIds: ideaLinks[i]!.map((j) => secondaryIds[j]!) })),
      ];
    });
  });

export const validDiagramArb: fc.Arbitrary<DriverDiagram> = validBoxesArb.map(buildDiagram);

/**
 * The diagram reduced to what a person sees: each column's texts in order, each box's links as
 * positions in the column to its left, and the change ideas' statuses. Two diagrams with the same
 * shape look the same whatever their ids.
 */
export function shape(diagram: DriverDiagram) {
  const index = (col: DiagramBox[]) => new Map(col.map((n, i) => [n.id, i]));
  const primary = index(diagram.primary);
  const secondary = index(diagram.secondary);
  return {
    primary: diagram.primary.map((n) => n.text),
    secondary: diagram.secondary.map((n) => ({ text: n.text, links: n.parentIds.map((id) => primary.get(id)) })),
    changeIdeas: diagram.changeIdeas.map((n) => ({ text: n.text, status: n.status, links: n.parentIds.map((id) => secondary.get(id)) })),
  };
}
