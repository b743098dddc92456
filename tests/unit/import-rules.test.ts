import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import direction app → components → lib is kept by ESLint (eslint.config.mjs); this checks
// the rule is there and bites, so a config change cannot silently drop it.

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.resolve(__dirname, "../..", file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import direction", () => {
  it("refuses an import of app/ from the shared kit", async () => {
    const messages = await restricted("components/probe.ts", 'import { adminAction } from "@/app/(signed-in)/admin/require-admin";\nexport const a = adminAction;\n');
    expect(messages.join("\n")).toMatch(/Only app\/ may import from app\//);
  });

  it("refuses imports of app/ and components/ from lib/", async () => {
    const fromApp = await restricted("lib/probe.ts", 'import { adminAction } from "@/app/(signed-in)/admin/require-admin";\nexport const a = adminAction;\n');
    const fromKit = await restricted("lib/probe.ts", 'import { cell } from "@/components/table";\nexport const c = cell;\n');
    expect(fromApp.join("\n")).toMatch(/Only app\/ may import from app\//);
    expect(fromKit.join("\n")).toMatch(/knows no React component/);
  });

  it("refuses an import of tests/ from the scripts", async () => {
    const messages = await restricted("scripts/bench/probe.ts", 'import { startAppServer } from "../../tests/helpers/app-server";\nexport const s = startAppServer;\n');
    expect(messages.join("\n")).toMatch(/shared helpers live in scripts\/support/);
  });

  it("lets app/ use the kit and lib/, and lib/ use lib/", async () => {
    expect(await restricted("app/probe.tsx", 'import { cell } from "@/components/table";\nimport { env } from "@/lib/env";\nexport const c = [cell, env];\n')).toEqual([]);
    expect(await restricted("lib/probe.ts", 'import { env } from "@/lib/env";\nexport const e = env;\n')).toEqual([]);
  });
});
