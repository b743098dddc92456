import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/support/app-server";

// A wrong environment variable stops the app at start, naming the variable, the value and what is
// allowed: `next start` (instrumentation.ts) and `npm start` (scripts/start.ts) alike. Before
// lib/env, TRUSTED_PROXY_HOPS=two became NaN and every respondent shared one rate-limit bucket.

const ROOT = path.resolve(import.meta.dirname, "../..");

function runUntilExit(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after 60 s; output:\n${output}`));
    }, 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("a wrong environment variable at start", () => {
  it("stops next start with exit 1, naming TRUSTED_PROXY_HOPS, its value and the allowed range", async () => {
    const port = await freePort();
    const { code, output } = await runUntilExit([path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
      NODE_ENV: "production",
      DATABASE_URL: inject("databaseUrl"),
      AUTH_SECRET: "test-secret-for-integration-tests-only-0123456789",
      TRUSTED_PROXY_HOPS: "two",
    });
    expect(code).toBe(1);
    expect(output).toMatch(/TRUSTED_PROXY_HOPS="two": must be/);
    expect(output).toMatch(/0.*10/);
    expect(output).not.toMatch(/\n\s+at /);
  }, 90_000);

  it("stops npm start (scripts/start.ts) with exit 1 before it touches the database, naming DATABASE_POOL_SIZE", async () => {
    const { code, output } = await runUntilExit(["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
      DATABASE_URL: inject("databaseUrl"),
      DATABASE_POOL_SIZE: "0",
    });
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_POOL_SIZE="0": must be/);
    expect(output).not.toMatch(/Applying migration|Building the app/);
  }, 90_000);
});
