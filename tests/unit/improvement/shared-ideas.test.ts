import { describe, expect, it } from "vitest";
import type { ChangeIdeaStatus } from "@/lib/improvement/driver-diagram";
import { ideaKey, sharedIdeas, type IdeaOfTeam } from "@/lib/improvement/shared-ideas";

const team = (n: number) => ({ id: `t${n}`, name: `Team ${String.fromCharCode(64 + n)}` });
const idea = (text: string, status: ChangeIdeaStatus, n: number): IdeaOfTeam => ({ text, status, team: team(n) });

describe("ideaKey", () => {
  it("sets aside capitals, accents, punctuation and spacing", () => {
    expect(ideaKey("  Daily safety-huddle! ")).toBe("daily safety huddle");
    expect(ideaKey("DAILY SAFETY HUDDLE")).toBe("daily safety huddle");
    expect(ideaKey("Café  rounds")).toBe(ideaKey("cafe rounds"));
  });

  it("keeps different words apart", () => {
    expect(ideaKey("Daily safety huddle")).not.toBe(ideaKey("Weekly safety huddle"));
    expect(ideaKey("Huddle 2")).not.toBe(ideaKey("Huddle 3"));
  });
});

describe("sharedIdeas", () => {
  it("lists an idea two or more teams have, with the teams at each status", () => {
    const shared = sharedIdeas([
      idea("Daily safety huddle", "ADOPTED", 2),
      idea("Locks on bedroom doors", "TESTING", 1),
      idea("daily safety huddle.", "TESTING", 1),
      idea("Daily safety huddle", "ADOPTED", 3),
    ]);
    expect(shared).toEqual([
      {
        text: "Daily safety huddle",
        teams: 3,
        byStatus: [
          { status: "TESTING", teams: [team(1)] },
          { status: "ADOPTED", teams: [team(2), team(3)] },
        ],
      },
    ]);
  });

  it("counts a team once even with the idea in its diagram twice", () => {
    const shared = sharedIdeas([idea("Safety pods", "TESTING", 1), idea("Safety pods", "TESTING", 1)]);
    expect(shared).toEqual([]);
    const two = sharedIdeas([idea("Safety pods", "TESTING", 1), idea("Safety pods", "IDEA", 1), idea("Safety pods", "TESTING", 2)]);
    expect(two).toHaveLength(1);
    expect(two[0]!.teams).toBe(2);
    expect(two[0]!.byStatus).toEqual([
      { status: "IDEA", teams: [team(1)] },
      { status: "TESTING", teams: [team(1), team(2)] },
    ]);
  });

  it("puts the most widely shared first, then the most adopted, then by wording", () => {
    const shared = sharedIdeas([
      idea("Zoned observations", "TESTING", 1),
      idea("Zoned observations", "TESTING", 2),
      idea("Ask at handover", "ADOPTED", 1),
      idea("Ask at handover", "TESTING", 2),
      idea("Bedroom locks", "TESTING", 1),
      idea("Bedroom locks", "TESTING", 2),
      idea("Safety pods", "IDEA", 1),
      idea("Safety pods", "IDEA", 2),
      idea("Safety pods", "IDEA", 3),
    ]);
    expect(shared.map((s) => s.text)).toEqual(["Safety pods", "Ask at handover", "Bedroom locks", "Zoned observations"]);
  });

  it("names the group by the wording most of its teams use", () => {
    const shared = sharedIdeas([idea("SAFETY PODS", "IDEA", 1), idea("Safety pods", "IDEA", 2), idea("Safety pods", "IDEA", 3)]);
    expect(shared[0]!.text).toBe("Safety pods");
  });

  it("ignores ideas with no words, and gives nothing for no ideas", () => {
    expect(sharedIdeas([idea("!!!", "IDEA", 1), idea("...", "IDEA", 2)])).toEqual([]);
    expect(sharedIdeas([])).toEqual([]);
  });
});
