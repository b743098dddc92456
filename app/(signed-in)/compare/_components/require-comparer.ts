import { notFound } from "next/navigation";
import { assertCanCompare } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/roles";
import { NotFoundError } from "@/lib/errors";

/** The signed-in QI coach or administrator; to anyone else the comparison pages do not exist (404). */
export async function requireComparer(path: string): Promise<Actor> {
  const actor = await requireActor(path);
  try {
    assertCanCompare(actor);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return actor;
}
