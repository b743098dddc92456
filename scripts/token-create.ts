// npm run token:create -- --email <user> [--name <label>] [--days <n>]
// Prints a new API token for that user on stdout (and nothing else there, so
// `TOKEN=$(npm run -s token:create -- --email …)` works); everything else goes to stderr.
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createToken } from "@/lib/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let values: { email?: string; name?: string; days?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, days: { type: "string" } }, strict: true }));
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run token:create -- --email <user> [--name <label>] [--days <n>]`);
}
if (!env().DATABASE_URL) fail("DATABASE_URL is not set. Set it to the PostgreSQL database the app uses.");
const email = values.email?.trim().toLowerCase();
if (!email) fail("Give the user's email: npm run token:create -- --email <user>");
let days: number | null = null;
if (values.days !== undefined) {
  days = Number(values.days);
  if (!/^\d+$/.test(values.days) || days < 1) fail(`--days must be a whole number of days, 1 or more (got "${values.days}")`);
}

const user = await db().user.findUnique({ where: { email }, include: { memberships: { select: { teamId: true } } } });
if (!user) fail(`No user has the email ${email}`, 1);
if (!user.active) fail(`The user ${email} is deactivated; a token for them would not work`, 1);

try {
  const { token, record } = await createToken(
    { id: user.id, email: user.email, name: user.name, role: user.role as Role, teamIds: user.memberships.map((m) => m.teamId) },
    { name: values.name ?? `Script token (${new Date().toISOString().slice(0, 10)})`, expiresInDays: days },
    "cli",
  );
  console.error(
    `Created API token "${record.name}" for ${user.email}` +
      (record.expiresAt ? `, expiring ${record.expiresAt.toISOString().slice(0, 10)}` : ", with no expiry") +
      ". It is shown only this once:",
  );
  console.log(token);
} catch (error) {
  if (error instanceof ZodError) fail(error.issues.map((issue) => `--${String(issue.path[0] === "expiresInDays" ? "days" : issue.path[0])}: ${issue.message}`).join("\n"));
  throw error;
} finally {
  await db().$disconnect();
}
