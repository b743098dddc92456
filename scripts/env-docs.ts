// npm run env:docs — writes the README's configuration table from lib/env.ts (the one declaration
// of every environment variable). tests/unit/env.test.ts fails when the README is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { envTableMarkdown } from "@/lib/env";
import { replaceEnvTable } from "@/lib/env-docs";

const readme = path.resolve(import.meta.dirname, "../README.md");
writeFileSync(readme, replaceEnvTable(readFileSync(readme, "utf8"), envTableMarkdown()));
console.log("README.md: configuration table written from lib/env.ts");
