// npm start — installs nothing, starts everything: the database (embedded PGlite in .data/ when
// DATABASE_URL is not set, with the demo collaborative in it), migrations, a production build
// when the sources changed since the last one, and Next's server behind scripts/front-door.mjs.
//
//   PORT (default 3000), HOST (default 127.0.0.1), DATABASE_URL (a PostgreSQL server; no demo
//   data unless --demo), EMBEDDED_DB_PORT (default 54329), EMBEDDED_DB_DIR (default .data/pglite).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedDemoCollaborative, seedDemoUsers, type DemoUser } from "@/lib/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { checkEnvOrExit, env, isSet, setEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "..");
const args = new Set(process.argv.slice(2));
checkEnvOrExit();
const port = env().PORT;
const host = env().HOST;
process.env.NEXT_TELEMETRY_DISABLED = "1"; // for the Next processes this starts

function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(String(statSync(full).size)).update(readFileSync(full));
    }
  };
  for (const dir of ["app", "components", "lib", "public", "generated"]) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json"]) {
    if (existsSync(path.join(root, file))) hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

function buildIfNeeded() {
  const marker = path.join(root, ".next", "wardsafe-source-hash");
  const current = sourceHash();
  if (!args.has("--rebuild") && existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === current) {
    return;
  }
  console.log("Building the app (about a minute the first time)…");
  const kiosk = spawnSync(process.execPath, [path.join(root, "scripts/build-kiosk.mjs")], { cwd: root, stdio: "inherit" });
  if (kiosk.status !== 0) process.exit(kiosk.status ?? 1);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(marker, current);
}

let embedded: EmbeddedDatabase | undefined;
let databaseUrl = env().DATABASE_URL;
if (!databaseUrl) {
  const dataDir = path.resolve(root, env().EMBEDDED_DB_DIR);
  const dbPort = env().EMBEDDED_DB_PORT;
  embedded = await startEmbeddedDatabase({ dataDir, port: dbPort });
  databaseUrl = embedded.url;
  setEnv("DATABASE_URL", databaseUrl);
  // The embedded database serves one query at a time; a small pool is plenty and avoids queueing.
  if (!isSet("DATABASE_POOL_SIZE")) setEnv("DATABASE_POOL_SIZE", "4");
  console.log(`Embedded PostgreSQL (PGlite) in ${path.relative(root, dataDir)}, listening on 127.0.0.1:${dbPort}`);
} else {
  console.log("Using the PostgreSQL server in DATABASE_URL");
}

const { applied } = await migrate(databaseUrl, { log: (line) => console.log(line) });
if (applied.length) console.log(`Applied ${applied.length} migration(s)`);

let demoWards: { name: string; surveyCode: string }[] = [];
let demoUsers: DemoUser[] = [];
if (embedded || args.has("--demo")) {
  const { db } = await import("@/lib/db/client");
  const seeded = await seedDemoCollaborative(db());
  demoWards = seeded.wards;
  // Demo passwords are made once per installation and kept beside the data (never committed).
  const credentialsFile = path.join(root, ".data", "demo-users.json");
  const created = await seedDemoUsers(db(), () => randomBytes(9).toString("base64url"), hashPassword);
  if (created) {
    mkdirSync(path.dirname(credentialsFile), { recursive: true });
    writeFileSync(credentialsFile, JSON.stringify(created, null, 2), { mode: 0o600 });
  }
  demoUsers = created ?? (existsSync(credentialsFile) ? (JSON.parse(readFileSync(credentialsFile, "utf8")) as DemoUser[]) : []);
  await db().$disconnect();
}

// Auth.js signs sessions with AUTH_SECRET. For the embedded demo a random one is kept in .data/;
// a real deployment sets its own.
if (!env().AUTH_SECRET) {
  const secretFile = path.join(root, ".data", "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  setEnv("AUTH_SECRET", readFileSync(secretFile, "utf8").trim());
}

buildIfNeeded();

// Next's production server behind the front door, which tells the app each request's address.
const server = spawn(
  process.execPath,
  ["--import", "tsx", path.join(root, "scripts/front-door.mjs"), "--host", host, "--port", String(port), "--trusted-proxy-hops", String(env().TRUSTED_PROXY_HOPS)],
  { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
);

const base = env().PUBLIC_BASE_URL ?? `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
console.log(`\nWardsafe is starting at ${base}`);
if (demoWards.length) {
  console.log("Demo ward surveys (what a ward's QR code opens):");
  for (const ward of demoWards) console.log(`  ${ward.name.padEnd(32)} ${base}/s/${ward.surveyCode}`);
}
if (demoUsers.length) {
  console.log(`Demo users (sign in at ${base}/signin):`);
  for (const user of demoUsers) console.log(`  ${user.role.padEnd(13)} ${user.email.padEnd(30)} password: ${user.password}`);
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 0));
