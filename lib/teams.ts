import { teamScope, wardScope } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";

// Read models for the signed-in pages, always scoped by lib/auth/access.

export async function listVisibleTeams(actor: Actor) {
  return db().projectTeam.findMany({
    where: teamScope(actor),
    orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      active: true,
      targetPercent: true,
      trust: { select: { id: true, name: true } },
      wards: { where: wardScope(actor), orderBy: { name: "asc" }, select: { id: true, name: true, active: true, surveyCode: true } },
    },
  });
}
