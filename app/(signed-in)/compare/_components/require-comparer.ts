import { assertCanCompare } from "@/lib/auth/access";
import { requireActorWho } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/roles";

/** The signed-in QI coach or administrator; to anyone else the comparison pages do not exist (404). */
export const requireComparer = (path: string): Promise<Actor> => requireActorWho(path, assertCanCompare);
