import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, EnvError, envTableMarkdown, parseEnv } from "@/lib/env";
import { envTableIn, replaceEnvTable } from "@/lib/env-docs";

function problemsOf(source: Record<string, string>): EnvError["problems"] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("lib/env", () => {
  it("gives every default when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
    expect(env.SURVEY_RATE_LIMIT).toBe(30);
    expect(env.SURVEY_RATE_WINDOW_SECONDS).toBe(3600);
    expect(env.MIN_RESPONSES).toBe(5);
    expect(env.IMPORT_MAX_BYTES).toBe(64 * 1024 * 1024);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.PUBLIC_BASE_URL).toBeUndefined();
  });

  it("reads whole numbers and treats an empty value as unset", () => {
    const env = parseEnv({ TRUSTED_PROXY_HOPS: "2", DATABASE_POOL_SIZE: " 25 ", MIN_RESPONSES: "" });
    expect(env.TRUSTED_PROXY_HOPS).toBe(2);
    expect(env.DATABASE_POOL_SIZE).toBe(25);
    expect(env.MIN_RESPONSES).toBe(5);
  });

  it("refuses TRUSTED_PROXY_HOPS=two, naming the variable, the value and what is allowed", () => {
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "two" })).toEqual([{ name: "TRUSTED_PROXY_HOPS", value: "two", allowed: "a whole number from 0 to 10" }]);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "two" })).toThrow(/TRUSTED_PROXY_HOPS="two": must be a whole number from 0 to 10/);
  });

  it.each([
    ["DATABASE_POOL_SIZE", "0"],
    ["DATABASE_POOL_SIZE", "ten"],
    ["DATABASE_POOL_SIZE", "2.5"],
    ["DATABASE_POOL_SIZE", "-1"],
    ["SURVEY_RATE_LIMIT", "0"],
    ["MIN_RESPONSES", "0"],
    ["IMPORT_MAX_BYTES", "64MB"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://root@localhost/db"],
    ["REDIS_URL", "127.0.0.1:6379"],
    ["PUBLIC_BASE_URL", "ftp://example.org"],
    ["PUBLIC_BASE_URL", "https://example.org/?a=1"],
    ["AUTH_SECRET", "short"],
  ])("refuses %s=%s", (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.map((p) => p.name)).toEqual([name]);
    expect(problems[0]?.value).toBe(value);
  });

  it("lists every wrong variable at once", () => {
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "two", DATABASE_POOL_SIZE: "0", PORT: "3000" }).map((p) => p.name)).toEqual([
      "DATABASE_POOL_SIZE",
      "TRUSTED_PROXY_HOPS",
    ]);
  });

  it("accepts good URLs", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/wardsafe",
      REDIS_URL: "redis://127.0.0.1:6379",
      PUBLIC_BASE_URL: "https://wardsafe.example.nhs.uk/survey/",
    });
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/wardsafe");
    expect(env.PUBLIC_BASE_URL).toBe("https://wardsafe.example.nhs.uk/survey/");
  });

  it("every declared default passes its own check", () => {
    for (const [name, spec] of Object.entries(ENV_VARIABLES)) {
      if (spec.default === undefined) continue;
      expect(spec.schema.safeParse(spec.default).success, name).toBe(true);
    }
  });
});

describe("the README's configuration table", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

  it("is the table lib/env.ts makes (run `npm run env:docs` after changing a variable)", () => {
    expect(envTableIn(readme)).toBe(envTableMarkdown());
  });

  it("names every declared variable exactly once", () => {
    const table = envTableIn(readme);
    for (const name of Object.keys(ENV_VARIABLES)) {
      expect(table.split("\n").filter((line) => line.startsWith(`| \`${name}\` |`)), name).toHaveLength(1);
    }
  });

  it("replacing the table keeps the rest of the README", () => {
    const replaced = replaceEnvTable(readme, "| new |");
    expect(envTableIn(replaced)).toBe("| new |");
    expect(replaced.replace("| new |", envTableIn(readme))).toBe(readme);
  });
});

describe("no file but lib/env.ts reads process.env", () => {
  it("holds for lib/, app/, components/ and scripts/ (tests and config files may set it)", async () => {
    const { execFileSync } = await import("node:child_process");
    const root = path.resolve(import.meta.dirname, "../..");
    const out = execFileSync("git", ["grep", "-nE", "process\\.env(\\.[A-Z_]+|\\[)", "--", "lib", "app", "components", "scripts", "proxy.ts", "instrumentation.ts"], {
      cwd: root,
      encoding: "utf8",
    }).split("\n").filter(Boolean);
    // NEXT_RUNTIME is Next's build-time constant (which bundle this is), not configuration.
    const reads = out.filter((line) => !line.startsWith("lib/env.ts:") && !/process\.env\.[A-Z_]+ = /.test(line) && !/^instrumentation\.ts:\d+:\s*if \(process\.env\.NEXT_RUNTIME === "nodejs"\)/.test(line));
    expect(reads).toEqual([]);
  });
});
