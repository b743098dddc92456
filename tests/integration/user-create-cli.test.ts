import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { testPrisma } from "../../scripts/support/prisma";

// `npm run user:create` as an operator runs it: a child process with DATABASE_URL set, the
// password from WARDSAFE_PASSWORD (scripts) or typed at a terminal prompt that does not echo it.

const root = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(root, "node_modules/tsx/dist/cli.mjs");
const SCRIPT = path.join(root, "scripts/user-create.ts");
const PASSWORD = "a long enough password 42";

let prisma: PrismaClient;
let counter = 0;
const email = () => `cli-${process.pid}-${Date.now()}-${++counter}@example.nhs.uk`;

type Run = { code: number; stdout: string; stderr: string };

function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [TSX, SCRIPT, ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: inject("databaseUrl"), WARDSAFE_PASSWORD: undefined, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(); // not a terminal, and nothing to read
  });
}

beforeAll(() => {
  prisma = testPrisma(inject("databaseUrl"));
});
afterAll(async () => {
  await prisma?.$disconnect();
});

describe("npm run user:create", () => {
  it("creates an administrator with the password from WARDSAFE_PASSWORD, audited, email stored lower-case", async () => {
    const address = email();
    const result = await runCli(["--email", address.toUpperCase(), "--name", "Ann Admin", "--role", "ADMIN"], { WARDSAFE_PASSWORD: PASSWORD });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created Ann Admin <${address}> as ADMIN`);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: address } });
    expect(user).toMatchObject({ name: "Ann Admin", role: "ADMIN", active: true });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: "user.create-cli" } })).toBe(1);
  });

  it("accepts a lower-case role name", async () => {
    const address = email();
    const result = await runCli(["--email", address, "--name", "Cory Coach", "--role", "qi_coach"], { WARDSAFE_PASSWORD: PASSWORD });
    expect(result.code).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: address } })).role).toBe("QI_COACH");
  });

  it("refuses a duplicate email clearly and changes nothing", async () => {
    const address = email();
    expect((await runCli(["--email", address, "--name", "First", "--role", "ADMIN"], { WARDSAFE_PASSWORD: PASSWORD })).code).toBe(0);
    const before = await prisma.user.findUniqueOrThrow({ where: { email: address } });
    const again = await runCli(["--email", address, "--name", "Second", "--role", "QI_COACH"], { WARDSAFE_PASSWORD: "another long password" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`A user with the email ${address} already exists`);
    expect(await prisma.user.findUniqueOrThrow({ where: { email: address } })).toEqual(before);
  });

  it("refuses an unknown role, naming the roles there are", async () => {
    const address = email();
    const result = await runCli(["--email", address, "--name", "X", "--role", "SUPERUSER"], { WARDSAFE_PASSWORD: PASSWORD });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown role "SUPERUSER". Use one of: ADMIN, QI_COACH, PROJECT_LEAD.');
    expect(await prisma.user.count({ where: { email: address } })).toBe(0);
  });

  it("refuses a short password, saying how long it must be", async () => {
    const address = email();
    const result = await runCli(["--email", address, "--name", "X", "--role", "ADMIN"], { WARDSAFE_PASSWORD: "short" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Password: Use at least 12 characters.");
    expect(await prisma.user.count({ where: { email: address } })).toBe(0);
  });

  it("refuses a bad email and missing options with usage help", async () => {
    const bad = await runCli(["--email", "not-an-email", "--name", "X", "--role", "ADMIN"], { WARDSAFE_PASSWORD: PASSWORD });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Email: Enter a valid email address.");
    const missing = await runCli(["--email", email()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --name, --role.");
    expect(missing.stderr).toContain("Usage: npm run user:create");
  });

  it("without WARDSAFE_PASSWORD and without a terminal it says how to give the password", async () => {
    const address = email();
    const result = await runCli(["--email", address, "--name", "X", "--role", "ADMIN"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No password given: run this in a terminal to type it, or set WARDSAFE_PASSWORD.");
    expect(await prisma.user.count({ where: { email: address } })).toBe(0);
  });

  it("at a terminal it asks twice without echoing the password", async () => {
    const address = email();
    // util-linux `script` runs the command on a pseudo-terminal, as an operator's shell would.
    const command = [process.execPath, TSX, SCRIPT, "--email", address, "--name", "Terry Tty", "--role", "PROJECT_LEAD"]
      .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
      .join(" ");
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = execFile("script", ["-qec", command, "/dev/null"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: inject("databaseUrl"), WARDSAFE_PASSWORD: "" },
        timeout: 60_000,
      });
      let text = "";
      let answered = 0;
      child.stdout?.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        // Answer each prompt once it appears.
        const prompts = (text.match(/Password \(at least 12 characters, not shown\): |Type the password again: /g) ?? []).length;
        while (answered < prompts) {
          child.stdin?.write(`${PASSWORD}\r`);
          answered++;
        }
      });
      child.on("exit", (code) => resolve({ code, text }));
    });
    expect(output.text).toContain("Type the password again: ");
    expect(output.text).toContain(`Created Terry Tty <${address}> as PROJECT_LEAD`);
    expect(output.text).not.toContain(PASSWORD);
    expect(output.code).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: address } });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
  });
});
