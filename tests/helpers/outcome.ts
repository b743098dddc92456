import type { Actor } from "@/lib/auth/roles";
import { errorResponse } from "@/lib/http/errors";

// For tests that call lib/ services directly: the actor a signed-in user becomes, and what the app
// would answer over HTTP for a call's outcome (lib/http/errors maps the domain's errors), so a
// service test checks the same 404 / 403 / 400-with-fields an API caller gets.

export function actorOf(user: { id: string; email: string; name: string; role: Actor["role"] }, teamIds: string[] = []): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamIds };
}

/** The HTTP status for this call's outcome, and the fields of a 400. */
export async function outcome(call: Promise<unknown> | (() => unknown)): Promise<{ status: number; fields?: Record<string, string> }> {
  try {
    await (typeof call === "function" ? call() : call);
    return { status: 200 };
  } catch (error) {
    const res = errorResponse(error);
    const body = (await res.json()) as { fields?: Record<string, string> };
    return { status: res.status, fields: body.fields };
  }
}
