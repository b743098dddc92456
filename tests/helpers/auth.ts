import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";

// Users and signed-in HTTP sessions for tests: sign in through Auth.js's real credentials flow
// (CSRF token, callback, session cookie), exactly as the sign-in page does.

export const TEST_PASSWORD = "correct horse battery staple";

let counter = 0;

export async function createUser(
  prisma: PrismaClient,
  opts: { role: "ADMIN" | "QI_COACH" | "PROJECT_LEAD"; teamIds?: string[]; password?: string; active?: boolean; email?: string },
) {
  const email = opts.email ?? `user-${process.pid}-${Date.now()}-${++counter}@example.nhs.uk`;
  return prisma.user.create({
    data: {
      email,
      name: `Test ${opts.role} ${counter}`,
      role: opts.role,
      active: opts.active ?? true,
      passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD),
      memberships: { create: (opts.teamIds ?? []).map((teamId) => ({ teamId })) },
    },
  });
}

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export type SignInResult = { ok: boolean; cookie: string; error?: string | null };

/** Signs in over HTTP; on success `cookie` is the Cookie header for later requests. */
export async function signInOverHttp(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<SignInResult> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
  });
  const all = [...jar, ...cookiesFrom(response)];
  const session = all.find((c) => c.startsWith("authjs.session-token="));
  const location = response.headers.get("location") ?? "";
  const error = new URL(location, baseUrl).searchParams.get("code") ?? new URL(location, baseUrl).searchParams.get("error");
  return { ok: Boolean(session), cookie: all.join("; "), error };
}
