import type { Actor } from "@/lib/auth/roles";
import { NotFoundError, visibleTeam, visibleTrust, visibleWard, wardScope } from "@/lib/auth/access";
import { seesEverything } from "@/lib/auth/roles";
import { isoDate } from "@/lib/analytics";
import { db } from "@/lib/db/client";
import type { CountsScope } from "./counts";

// Which wards a chart covers, and whether the signed-in person may see it: the one authorisation
// step of every run chart, comparison and export (a scope outside what they may see is "not found").

export const SCOPE_HELP = "scope must be ward:<ward code>, team:<team id>, trust:<trust id> or all";

export type ScopeRef =
  | { kind: "ward"; surveyCode: string }
  | { kind: "ward"; wardId: string }
  | { kind: "team"; teamId: string }
  | { kind: "trust"; trustId: string }
  | { kind: "all" };

export function parseScope(value: string): ScopeRef | null {
  const trimmed = value.trim();
  if (trimmed === "all") return { kind: "all" };
  const match = /^(ward|team|trust):([A-Za-z0-9_-]{1,64})$/.exec(trimmed);
  if (!match) return null;
  const [, kind, id] = match as unknown as [string, "ward" | "team" | "trust", string];
  if (kind === "ward") return { kind, surveyCode: id.toUpperCase() };
  if (kind === "team") return { kind, teamId: id };
  return { kind, trustId: id };
}

export type ResolvedScope = {
  scope: string;
  name: string;
  counts: CountsScope;
  /** The project team whose members may edit this chart (null for a trust, all wards, or a ward without a team). */
  teamId: string | null;
  target: number | null;
  targetDate: string | null;
  /** Where phases and notes are recorded: a ward's or a team's chart; none for trust and all. */
  owner: { wardId: string } | { teamId: string } | null;
};

/** Authorises the scope for this actor (404 outside it) and finds the wards it covers. */
export async function resolveScope(actor: Actor, ref: ScopeRef): Promise<ResolvedScope> {
  switch (ref.kind) {
    case "ward": {
      const ward = await visibleWard(actor, "surveyCode" in ref ? { surveyCode: ref.surveyCode } : { id: ref.wardId });
      return {
        scope: `ward:${ward.surveyCode}`,
        name: ward.name,
        counts: { wardIds: [ward.id] },
        teamId: ward.teamId,
        target: ward.team?.targetPercent != null ? ward.team.targetPercent / 100 : null,
        targetDate: ward.team?.targetDate ? isoDate(ward.team.targetDate) : null,
        owner: { wardId: ward.id },
      };
    }
    case "team": {
      const team = await visibleTeam(actor, ref.teamId);
      const wards = await db().ward.findMany({ where: { AND: [{ teamId: team.id }, wardScope(actor)] }, select: { id: true } });
      return {
        scope: `team:${team.id}`,
        name: team.name,
        counts: { wardIds: wards.map((w) => w.id) },
        teamId: team.id,
        target: team.targetPercent != null ? team.targetPercent / 100 : null,
        targetDate: team.targetDate ? isoDate(team.targetDate) : null,
        owner: { teamId: team.id },
      };
    }
    case "trust": {
      const trust = await visibleTrust(actor, ref.trustId);
      const wards = await db().ward.findMany({ where: { AND: [{ trustId: trust.id }, wardScope(actor)] }, select: { id: true } });
      return { scope: `trust:${trust.id}`, name: trust.name, counts: { wardIds: wards.map((w) => w.id) }, teamId: null, target: null, targetDate: null, owner: null };
    }
    case "all":
      // Comparing the whole collaborative is for those who see every ward; to anyone else the scope does not exist.
      if (!seesEverything(actor)) throw new NotFoundError("No such scope");
      return { scope: "all", name: "All wards", counts: { all: true }, teamId: null, target: null, targetDate: null, owner: null };
  }
}

