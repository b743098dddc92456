import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp, TEST_PASSWORD, type SignInResult } from "../helpers/auth";
import { testPrisma } from "../../scripts/support/prisma";

// Sign-in security through real HTTP against `next start`: Auth.js's credentials flow (CSRF token,
// callback, session cookie), the lockout per account and per client, the audit log, and sessions
// ending when a user is deactivated.
//
// The per-client limit is kept in the app's memory, keyed by the client address (`next start`
// without a proxy takes it from X-Forwarded-For when sent, otherwise from the socket: 127.0.0.1
// here). Tests that fail on purpose send their own X-Forwarded-For so one test's failures cannot
// lock the next test out; the per-client test runs last, from 127.0.0.1 itself.

let app: AppServer;
let prisma: PrismaClient;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl"), trustedProxyHops: 1 });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

let clientCounter = 0;
/** A client address of its own (RFC 5737 documentation range). */
const newClient = () => `192.0.2.${++clientCounter}`;

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Auth.js's credentials sign-in over HTTP, as signInOverHttp, but from a chosen client address. */
async function signInFrom(client: string | null, email: string, password: string): Promise<SignInResult> {
  const forwarded: Record<string, string> = client ? { "X-Forwarded-For": client } : {};
  const csrfResponse = await fetch(`${app.baseUrl}/api/auth/csrf`, { headers: forwarded });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfResponse);
  const response = await fetch(`${app.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; "), ...forwarded },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
  });
  const all = [...jar, ...cookiesFrom(response)];
  const location = new URL(response.headers.get("location") ?? "/", app.baseUrl);
  return {
    ok: all.some((c) => c.startsWith("authjs.session-token=")),
    cookie: all.join("; "),
    error: location.searchParams.get("code") ?? location.searchParams.get("error"),
  };
}

/** A signed-in page: 200 with the user's own details, or a redirect to sign in. */
async function accountPage(cookie: string) {
  const res = await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

const auditFor = (email: string) =>
  prisma.auditEvent.findMany({ where: { actorEmail: email }, orderBy: { at: "asc" }, select: { action: true, actorId: true, at: true } });

/** Moves an account's sign-in history back in time, as if `minutes` had passed. */
async function timePasses(email: string, minutes: number) {
  await prisma.$executeRaw`UPDATE audit_event SET at = at - make_interval(mins => ${minutes}) WHERE actor_email = ${email}`;
}

describe("signing in", () => {
  it("with the right password gives a session that opens a signed-in page", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD" });
    const signedIn = await signInOverHttp(app.baseUrl, user.email);
    expect(signedIn.ok).toBe(true);
    const page = await accountPage(signedIn.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain(user.email);
    expect(page.html).toContain("My account");
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD" });
    const signedIn = await signInFrom(newClient(), `  ${user.email.toUpperCase()} `, TEST_PASSWORD);
    expect(signedIn.ok).toBe(true);
    expect((await accountPage(signedIn.cookie)).status).toBe(200);
  });

  it("without a session, a signed-in page redirects to sign-in and the API answers 401", async () => {
    const page = await fetch(`${app.baseUrl}/account`, { redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/signin\?callbackUrl=%2Faccount$/);
    const api = await fetch(`${app.baseUrl}/api/v1/teams`);
    expect(api.status).toBe(401);
  });

  it("a forged session cookie opens nothing", async () => {
    const page = await accountPage("authjs.session-token=not-a-real-session-token");
    expect(page.status).toBe(307);
    expect(page.location).toMatch(/^\/signin\?callbackUrl=/);
  });

  it("with a wrong password gives no session and the generic 'invalid' code", async () => {
    const user = await createUser(prisma, { role: "QI_COACH" });
    const attempt = await signInFrom(newClient(), user.email, "wrong password entirely");
    expect(attempt.ok).toBe(false);
    expect(attempt.error).toBe("invalid");
    const page = await accountPage(attempt.cookie);
    expect(page.status).toBe(307);
    expect(page.location).toMatch(/^\/signin/);
  });

  it("with an unknown email fails the same way, after a real password check", async () => {
    const known = await createUser(prisma, { role: "QI_COACH" });
    const unknownEmail = `nobody-${Date.now()}@example.nhs.uk`;
    // Warm up: the first check of an unknown email computes the dummy hash once.
    await signInFrom(newClient(), `warmup-${unknownEmail}`, "anything at all");

    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 5; i++) {
      for (const [kind, email] of [["known", known.email], ["unknown", unknownEmail]] as const) {
        const started = performance.now();
        const attempt = await signInFrom(newClient(), email, `wrong password ${i}`);
        times[kind].push(performance.now() - started);
        expect(attempt).toMatchObject({ ok: false, error: "invalid" });
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    console.log(`sign-in failure, median of 5: known email ${median(times.known).toFixed(0)} ms, unknown email ${median(times.unknown).toFixed(0)} ms`);
    // Loose on purpose (a shared 2-core machine): without the dummy hash an unknown email answers
    // in about a tenth of the time an argon2id check takes.
    expect(median(times.unknown)).toBeGreaterThan(median(times.known) * 0.35);
    const audit = await auditFor(unknownEmail);
    expect(audit.map((a) => a.action)).toEqual(Array(5).fill("sign-in.failure"));
    expect(audit.every((a) => a.actorId === null)).toBe(true);
  });

  it("stores passwords only as argon2id hashes", async () => {
    const user = await createUser(prisma, { role: "QI_COACH", password: "argon-check password 1" });
    const [row] = await prisma.$queryRaw<{ password_hash: string }[]>`SELECT password_hash FROM app_user WHERE id = ${user.id}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.password_hash).not.toContain("argon-check password 1");
    const plain = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM app_user WHERE password_hash IS NOT NULL AND password_hash NOT LIKE '$argon2id$%'`;
    expect(plain[0]!.n).toBe(0);
  });
});

describe("the audit log", () => {
  it("records failures and successes with the email, user and time, and never a password", async () => {
    const rightPassword = `right-${Date.now()}-Tr0ub4dor&3`;
    const wrongPassword = `wrong-${Date.now()}-hunter2-guess`;
    const user = await createUser(prisma, { role: "PROJECT_LEAD", password: rightPassword });
    const client = newClient();
    const before = new Date(Date.now() - 1000);
    expect((await signInFrom(client, user.email, wrongPassword)).ok).toBe(false);
    expect((await signInFrom(client, user.email, rightPassword)).ok).toBe(true);

    const audit = await auditFor(user.email);
    expect(audit.map((a) => a.action)).toEqual(["sign-in.failure", "sign-in.success"]);
    for (const row of audit) {
      expect(row.actorId).toBe(user.id);
      expect(row.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(row.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const [dump] = await prisma.$queryRaw<{ text: string }[]>`SELECT coalesce(string_agg(a::text, ' '), '') AS text FROM audit_event a`;
    expect(dump!.text).toContain(user.email);
    expect(dump!.text).not.toContain(rightPassword);
    expect(dump!.text).not.toContain(wrongPassword);
    // Nor is the client address stored: the per-client count is kept in memory under a salted hash.
    expect(dump!.text).not.toContain(client);
  });
});

describe("lockout per account", () => {
  it("refuses the right password after 5 failures, says for how long, and does not count the refusals", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD" });
    const client = newClient();
    for (let i = 1; i <= 4; i++) expect((await signInFrom(client, user.email, `guess ${i}`)).error).toBe("invalid");
    // The 4th failure does not lock yet: the right password still works… but would reset the count,
    // so make the 5th failure first and only then try the right password.
    expect((await signInFrom(client, user.email, "guess 5")).error).toBe("invalid");

    const refused = await signInFrom(client, user.email, TEST_PASSWORD);
    expect(refused.ok).toBe(false);
    expect(refused.error).toBe("locked:15 minutes");
    expect((await accountPage(refused.cookie)).status).toBe(307);

    const actions = (await auditFor(user.email)).map((a) => a.action);
    expect(actions.filter((a) => a === "sign-in.failure")).toHaveLength(5);
    expect(actions.at(-1)).toBe("sign-in.refused-locked");
    expect(actions).not.toContain("sign-in.success");
  });

  it("locks the account whichever clients the failures came from, and not before the 5th", async () => {
    const user = await createUser(prisma, { role: "QI_COACH" });
    for (let i = 1; i <= 4; i++) await signInFrom(newClient(), user.email, `spread guess ${i}`);
    // Case does not make a different account.
    await signInFrom(newClient(), user.email.toUpperCase(), "spread guess 5");
    const refused = await signInFrom(newClient(), user.email, TEST_PASSWORD);
    expect(refused).toMatchObject({ ok: false, error: "locked:15 minutes" });
  });

  it("4 failures do not lock, and a success starts the count again", async () => {
    const user = await createUser(prisma, { role: "QI_COACH" });
    for (let i = 1; i <= 4; i++) await signInFrom(newClient(), user.email, `guess ${i}`);
    expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).ok).toBe(true);
    for (let i = 1; i <= 4; i++) await signInFrom(newClient(), user.email, `again ${i}`);
    expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).ok).toBe(true);
  });

  it("tells the user the time left as it runs down, and lets them in once the 15 minutes are up", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD" });
    for (let i = 1; i <= 5; i++) await signInFrom(newClient(), user.email, `guess ${i}`);
    expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).error).toBe("locked:15 minutes");

    await timePasses(user.email, 1);
    expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).error).toBe("locked:14 minutes");
    await timePasses(user.email, 13);
    expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).error).toBe("locked:1 minute");

    await timePasses(user.email, 1);
    const signedIn = await signInFrom(newClient(), user.email, TEST_PASSWORD);
    expect(signedIn.ok).toBe(true);
    expect((await accountPage(signedIn.cookie)).status).toBe(200);
  });

  it("does not lock for 5 failures spread over more than 15 minutes", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD" });
    for (let i = 1; i <= 4; i++) {
      await signInFrom(newClient(), user.email, `slow guess ${i}`);
      await timePasses(user.email, 4);
    }
    // 4 failures now lie 16, 12, 8 and 4 minutes ago; a 5th now spans 16 minutes.
    await signInFrom(newClient(), user.email, "slow guess 5");
    expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).ok).toBe(true);
  });

  it("holds under a burst of parallel guesses: no more than 5 passwords are ever checked", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD" });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signInFrom(newClient(), user.email, `parallel guess ${i}`)));
    expect(results.every((r) => !r.ok)).toBe(true);
    const actions = (await auditFor(user.email)).map((a) => a.action);
    expect(actions.filter((a) => a === "sign-in.failure")).toHaveLength(5);
    expect(actions.filter((a) => a === "sign-in.refused-locked")).toHaveLength(7);
    expect(results.filter((r) => r.error === "locked:15 minutes")).toHaveLength(7);
  });
});

describe("deactivated users", () => {
  it("cannot sign in, with the same message as a wrong password", async () => {
    const user = await createUser(prisma, { role: "PROJECT_LEAD", active: false });
    const attempt = await signInFrom(newClient(), user.email, TEST_PASSWORD);
    expect(attempt).toMatchObject({ ok: false, error: "invalid" });
    expect((await auditFor(user.email)).map((a) => a.action)).toEqual(["sign-in.failure"]);
  });

  it("lose an existing session as soon as they are deactivated", async () => {
    const user = await createUser(prisma, { role: "QI_COACH" });
    const { cookie } = await signInOverHttp(app.baseUrl, user.email);
    expect((await accountPage(cookie)).status).toBe(200);
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    const page = await accountPage(cookie);
    expect(page.status).toBe(307);
    expect(page.location).toMatch(/^\/signin\?callbackUrl=/);
    expect(page.html).not.toContain(user.email);
  });
});

// Last in the file: it locks 127.0.0.1 itself for 15 minutes of this app server's memory.
describe("lockout per client", () => {
  it("5 failures against 5 different accounts from one client lock that client, for every account", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser(prisma, { role: "PROJECT_LEAD" })));
    // The client's own address (no X-Forwarded-For): 127.0.0.1.
    for (const user of users.slice(0, 5)) {
      expect((await signInFrom(null, user.email, "one guess per account")).error).toBe("invalid");
    }
    // A sixth account, never failed, with its right password: refused from this client…
    const refused = await signInFrom(null, users[5]!.email, TEST_PASSWORD);
    expect(refused).toMatchObject({ ok: false, error: "locked:15 minutes" });
    expect((await signInOverHttp(app.baseUrl, users[0]!.email)).error).toBe("locked:15 minutes");
    // …while no account is locked: from another client, every one of them signs in.
    for (const user of users) expect((await signInFrom(newClient(), user.email, TEST_PASSWORD)).ok).toBe(true);
  });
});
