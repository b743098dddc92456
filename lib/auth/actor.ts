import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { auth } from "./next-auth";
import type { Actor, Role } from "./roles";
import { secretHash, API_TOKEN_PREFIX } from "./secrets";

// Who is asking: from the session cookie (pages, server actions, the browser calling the API) or
// from an API token (analysts' scripts). Either way the user is loaded fresh, must be active, and
// a session issued before their last password change no longer counts.

async function loadActor(userId: string, signedInAt?: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionsValidFrom: true, memberships: { select: { teamId: true } } },
  });
  if (!user || !user.active) return null;
  if (signedInAt !== undefined && signedInAt < user.sessionsValidFrom.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, teamIds: user.memberships.map((m) => m.teamId) };
}

export async function currentActor(): Promise<Actor | null> {
  const session = (await auth()) as ({ user?: { id?: string }; signedInAt?: number } & object) | null;
  const id = session?.user?.id;
  return id ? loadActor(id, session.signedInAt ?? 0) : null;
}

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** For the API: a Bearer token when one is sent, otherwise the session. */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]?.startsWith(API_TOKEN_PREFIX)) return null;
    const token = await db().apiToken.findUnique({ where: { tokenHash: secretHash(match[1]) } });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= new Date())) return null;
    // Day resolution is enough to show "last used" and spares a write on every request.
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 86_400_000) {
      await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
    }
    return loadActor(token.userId);
  }
  return currentActor();
}

/**
 * For pages that exist only for some roles: the signed-in user when `allowed` accepts them; to
 * anyone else the page does not exist (404, not 403), so its address reveals nothing.
 */
export async function requireActorWho(returnTo: string, allowed: (actor: Actor) => void): Promise<Actor> {
  const actor = await requireActor(returnTo);
  try {
    allowed(actor);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
  return actor;
}
