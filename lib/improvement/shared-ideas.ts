import { CHANGE_IDEA_STATUSES, type ChangeIdeaStatus } from "./driver-diagram";

// Change ideas that more than one team is working on, for the collaborative's coaches: what is
// being tested where, and where it was adopted. Teams often copy a diagram (its JSON import) or
// take an idea from a learning session, so the same idea is written the same way, give or take
// capitals, accents, punctuation and spaces; those are matched. Differently worded ideas are not
// guessed at.

export interface IdeaOfTeam {
  text: string;
  status: ChangeIdeaStatus;
  team: { id: string; name: string };
}

export interface SharedIdea {
  /** The wording most of its teams use (the first met, on a tie). */
  text: string;
  /** How many teams have it. */
  teams: number;
  /** The teams at each status, in the statuses' order, leaving out statuses no team is at. */
  byStatus: { status: ChangeIdeaStatus; teams: { id: string; name: string }[] }[];
}

/** The wording with case, accents, punctuation and spacing set aside. */
export function ideaKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Ideas that two or more teams have, most widely shared first, then most adopted, then by wording. */
export function sharedIdeas(ideas: readonly IdeaOfTeam[]): SharedIdea[] {
  const groups = new Map<string, IdeaOfTeam[]>();
  for (const idea of ideas) {
    const key = ideaKey(idea.text);
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(idea);
    else groups.set(key, [idea]);
  }
  const shared: SharedIdea[] = [];
  for (const group of groups.values()) {
    const teamIds = new Set(group.map((i) => i.team.id));
    if (teamIds.size < 2) continue;
    const byStatus = CHANGE_IDEA_STATUSES.map((status) => {
      const teams = new Map<string, { id: string; name: string }>();
      for (const i of group) if (i.status === status) teams.set(i.team.id, { id: i.team.id, name: i.team.name });
      return { status, teams: [...teams.values()].sort((a, b) => a.name.localeCompare(b.name, "en-GB")) };
    }).filter((s) => s.teams.length > 0);
    shared.push({ text: commonestWording(group), teams: teamIds.size, byStatus });
  }
  const adopted = (idea: SharedIdea) => idea.byStatus.find((s) => s.status === "ADOPTED")?.teams.length ?? 0;
  return shared.sort((a, b) => b.teams - a.teams || adopted(b) - adopted(a) || a.text.localeCompare(b.text, "en-GB"));
}

function commonestWording(group: readonly IdeaOfTeam[]): string {
  const counts = new Map<string, number>();
  for (const i of group) counts.set(i.text, (counts.get(i.text) ?? 0) + 1);
  let best = group[0]!.text;
  for (const [text, n] of counts) if (n > counts.get(best)!) best = text;
  return best;
}
