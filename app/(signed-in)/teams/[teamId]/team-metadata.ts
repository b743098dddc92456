import type { Metadata } from "next";
import { visibleTeam } from "@/lib/auth/access";
import { currentActor } from "@/lib/auth/actor";

/** The browser title of a project team's pages: "<team>: <what>", never naming a team the reader cannot see. */
export async function teamPageMetadata(params: Promise<{ teamId: string }>, what: string, signedOutTitle: string): Promise<Metadata> {
  const { teamId } = await params;
  const actor = await currentActor();
  if (!actor) return { title: signedOutTitle };
  try {
    return { title: `${(await visibleTeam(actor, teamId)).name}: ${what}` };
  } catch {
    return { title: "Not found" };
  }
}
