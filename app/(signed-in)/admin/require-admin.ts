import { notFound } from "next/navigation";
import { assertAdmin, ForbiddenError } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/roles";

/**
 * Every administration page and action starts here. To anyone but an administrator the pages do
 * not exist (404, not 403), so the address reveals nothing.
 */
export async function requireAdmin(path: string): Promise<Actor> {
  const actor = await requireActor(path);
  try {
    assertAdmin(actor);
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
  return actor;
}
