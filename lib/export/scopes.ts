import { teamScope, trustScope, wardScope } from "@/lib/auth/access";
import { seesEverything, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";

// What an actor may export, as the scope values the export API takes, for the export page's list.

export type ScopeOption = { value: string; label: string };
export type ScopeGroup = { label: string; options: ScopeOption[] };

export async function exportScopes(actor: Actor): Promise<ScopeGroup[]> {
  const [wards, teams, trusts] = await Promise.all([
    db().ward.findMany({
      where: wardScope(actor),
      orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
      select: { name: true, surveyCode: true, trust: { select: { name: true } } },
    }),
    db().projectTeam.findMany({ where: teamScope(actor), orderBy: { name: "asc" }, select: { id: true, name: true, trust: { select: { name: true } } } }),
    db().trust.findMany({ where: trustScope(actor), orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const groups: ScopeGroup[] = [];
  if (seesEverything(actor)) groups.push({ label: "Everything", options: [{ value: "all", label: "All wards" }] });
  if (trusts.length > 0) groups.push({ label: "Trusts", options: trusts.map((t) => ({ value: `trust:${t.id}`, label: t.name })) });
  if (teams.length > 0) groups.push({ label: "Project teams", options: teams.map((t) => ({ value: `team:${t.id}`, label: `${t.name} (${t.trust.name})` })) });
  if (wards.length > 0) groups.push({ label: "Wards", options: wards.map((w) => ({ value: `ward:${w.surveyCode}`, label: `${w.name} (${w.trust.name})` })) });
  return groups;
}
