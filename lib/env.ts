import { z } from "zod";

// Every environment variable the app, its scripts and its tests read, declared once: its type,
// default and allowed range. Nothing else reads process.env, so a wrong value (TRUSTED_PROXY_HOPS=two,
// a pool size of zero) stops `npm start` and `next start` with a message naming the variable,
// the value and what is allowed, instead of quietly becoming NaN somewhere deep in a request.
// The README's configuration table is made from `ENV_VARIABLES` (`npm run env:docs`) and a unit
// test fails when the two disagree.

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `a whole number from ${min} to ${max}`).max(max, `a whole number from ${min} to ${max}`));

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\/\S+$/, "a PostgreSQL URL (postgresql://user@host:port/database)");

const redisUrl = z
  .string()
  .trim()
  .regex(/^rediss?:\/\/\S+$/, "a Redis URL (redis://host:port)");

const publicBaseUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "an http:// or https:// address with no query, fragment or credentials (a path prefix is fine)");

const text = z.string().min(1, "text that is not empty");

type Group = "app" | "embedded" | "scripts" | "tests";

type Variable<T> = {
  schema: z.ZodType<T, string>;
  /** The value when unset, as it would be written in the environment; none for "unset means off". */
  default?: string;
  /** The README's default column when it is not simply `default` (computed or off). */
  shownDefault?: string;
  group: Group;
  meaning: string;
};

// Overloads so the type of `env()` knows which variables always have a value.
function variable<T>(spec: Variable<T> & { default: string }): Variable<T> & { default: string };
function variable<T>(spec: Variable<T>): Variable<T> & { default?: undefined };
function variable<T>(spec: Variable<T>) {
  return spec;
}

export const ENV_VARIABLES = {
  DATABASE_URL: variable({
    schema: postgresUrl,
    shownDefault: "embedded PGlite (`npm start`)",
    group: "app",
    meaning: "PostgreSQL connection string",
  }),
  DATABASE_POOL_SIZE: variable({ schema: wholeNumber(1, 200), default: "10", group: "app", meaning: "connections per app process" }),
  PORT: variable({ schema: wholeNumber(0, 65535), default: "3000", group: "app", meaning: "where `npm start` listens (0: any free port)" }),
  HOST: variable({ schema: text, default: "127.0.0.1", group: "app", meaning: "the address `npm start` listens on" }),
  AUTH_SECRET: variable({
    schema: z.string().min(32, "at least 32 characters"),
    shownDefault: "made once and kept in `.data/auth-secret` (`npm start`)",
    group: "app",
    meaning: "signs sign-in sessions; set your own (e.g. `openssl rand -base64 32`) in a real deployment",
  }),
  SURVEY_RATE_LIMIT: variable({ schema: wholeNumber(1, 1_000_000), default: "30", group: "app", meaning: "responses one device may send for one ward per window" }),
  SURVEY_RATE_WINDOW_SECONDS: variable({ schema: wholeNumber(1, 86_400), default: "3600", group: "app", meaning: "the rate-limit window" }),
  TABLET_DAILY_LIMIT: variable({
    schema: wholeNumber(1, 1_000_000),
    default: "500",
    group: "app",
    meaning: "answers one enrolled ward tablet may send in a day (London time); over it the tablet is told 429 and keeps them until tomorrow",
  }),
  TRUSTED_PROXY_HOPS: variable({
    schema: wholeNumber(0, 10),
    default: "0",
    group: "app",
    meaning: "reverse proxies in front of the app that append to `X-Forwarded-For`; with 0 the header is ignored and the client is the connection's own address",
  }),
  REDIS_URL: variable({ schema: redisUrl, shownDefault: "unset", group: "app", meaning: "share rate-limit counters between app instances through Redis" }),
  IMPORT_MAX_BYTES: variable({
    schema: wholeNumber(1, Number.MAX_SAFE_INTEGER),
    default: String(64 * 1024 * 1024),
    group: "app",
    meaning: "largest CSV file (bytes) the upload page and `POST /api/v1/imports` accept (the command line has no limit)",
  }),
  MIN_RESPONSES: variable({
    schema: wholeNumber(1, 1000),
    default: "5",
    group: "app",
    meaning: 'periods with fewer responses (but more than none) are shown as "too few responses" in run charts, their API and exports',
  }),
  PUBLIC_BASE_URL: variable({
    schema: publicBaseUrl,
    shownDefault: "from the request (`X-Forwarded-Proto`/`-Host`, `Host`)",
    group: "app",
    meaning: "public address of the app, e.g. `https://wardsafe.example.nhs.uk`, used in the QR codes and short URLs on ward posters",
  }),
  EMBEDDED_DB_DIR: variable({ schema: text, default: ".data/pglite", group: "embedded", meaning: "the embedded database's folder" }),
  EMBEDDED_DB_PORT: variable({ schema: wholeNumber(1, 65535), default: "54329", group: "embedded", meaning: "the embedded database's port" }),
  NEXT_DIST_DIR: variable({ schema: text, default: ".next", group: "scripts", meaning: "the build folder (lets several builds coexist, e.g. for benchmarks)" }),
  WARDSAFE_PASSWORD: variable({ schema: z.string(), shownDefault: "asked for", group: "scripts", meaning: "`npm run user:create` takes the new user's password from here instead of asking" }),
  BENCH_CONNECTIONS: variable({ schema: wholeNumber(1, 10_000), default: "50", group: "tests", meaning: "`npm run bench:submit`: concurrent connections (`--connections`)" }),
  BENCH_DURATION: variable({ schema: wholeNumber(1, 3600), default: "15", group: "tests", meaning: "`npm run bench:submit`: seconds per measured run (`--duration`)" }),
  BENCH_WARMUP: variable({ schema: wholeNumber(0, 600), default: "3", group: "tests", meaning: "`npm run bench:submit`: warm-up seconds (`--warmup`)" }),
  CI: variable({ schema: z.string(), shownDefault: "unset", group: "tests", meaning: "set (to anything) in CI: tests then require the real PostgreSQL server" }),
  TEST_DATABASE_ADMIN_URL: variable({
    schema: postgresUrl,
    default: "postgresql://postgres@127.0.0.1:5432/postgres",
    group: "tests",
    meaning: "the server where tests and benchmarks create throwaway databases",
  }),
  E2E_PORT: variable({ schema: wholeNumber(1, 65535), default: "3100", group: "tests", meaning: "the port of the browser tests' app server" }),
  CHROMIUM_PATH: variable({ schema: text, default: "/usr/bin/chromium", group: "tests", meaning: "the Chromium the browser tests drive" }),
} as const;

type Declared = typeof ENV_VARIABLES;
export type EnvName = keyof Declared;
type ValueOf<K extends EnvName> = Declared[K] extends Variable<infer T> ? T : never;
export type Env = { [K in EnvName]: Declared[K] extends { default: string } ? ValueOf<K> : ValueOf<K> | undefined };

export class EnvError extends Error {
  constructor(readonly problems: { name: string; value: string; allowed: string }[]) {
    super(
      `Wardsafe cannot start: ${problems.length === 1 ? "an environment variable has" : "environment variables have"} a wrong value.\n` +
        problems.map((p) => `  ${p.name}=${JSON.stringify(p.value)}: must be ${p.allowed}`).join("\n"),
    );
    this.name = "EnvError";
  }
}

/** Reads and checks every declared variable in `source`; an empty string counts as unset. Throws EnvError listing every wrong one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const out: Record<string, unknown> = {};
  const problems: EnvError["problems"] = [];
  for (const [name, spec] of Object.entries(ENV_VARIABLES) as [EnvName, Variable<unknown>][]) {
    const raw = source[name];
    const given = raw === undefined || raw.trim() === "" ? undefined : raw;
    const value = given ?? spec.default;
    if (value === undefined) {
      out[name] = undefined;
      continue;
    }
    const parsed = spec.schema.safeParse(value);
    if (parsed.success) out[name] = parsed.data;
    else problems.push({ name, value, allowed: parsed.error.issues[0]?.message ?? "valid" });
  }
  if (problems.length > 0) throw new EnvError(problems);
  return out as Env;
}

const cache = globalThis as unknown as { wardsafeEnv?: { source: string; env: Env } };

/**
 * The process's configuration, checked on first use and then kept. Scripts and tests that set a
 * variable before the app code first needs it (a throwaway DATABASE_URL) still see their value,
 * because the check is made on first use, not at import.
 */
export function env(): Env {
  const source = JSON.stringify(Object.keys(ENV_VARIABLES).map((name) => process.env[name]));
  if (cache.wardsafeEnv?.source !== source) cache.wardsafeEnv = { source, env: parseEnv(process.env) };
  return cache.wardsafeEnv.env;
}

/** For start-up: prints the problems and exits 1, so a wrong value never reaches a request. */
export function checkEnvOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Whether the variable was given (not left to its default). */
export function isSet(name: EnvName): boolean {
  return (process.env[name] ?? "").trim() !== "";
}

/** Sets a variable for this process and the processes it starts (scripts only: `npm start` picks the embedded database's URL). */
export function setEnv(name: EnvName, value: string): void {
  process.env[name] = value;
}

const GROUP_HEADINGS: Record<Group, string> = {
  app: "the app",
  embedded: "the embedded database (`npm start` without `DATABASE_URL`)",
  scripts: "scripts",
  tests: "tests and benchmarks",
};

/** The README's configuration table, made from the declarations above. */
export function envTableMarkdown(): string {
  const rows = ["| variable | default | for | meaning |", "|---|---|---|---|"];
  for (const [name, spec] of Object.entries(ENV_VARIABLES) as [EnvName, Variable<unknown>][]) {
    const shown = spec.shownDefault ?? (spec.default === undefined ? "unset" : `\`${spec.default}\``);
    rows.push(`| \`${name}\` | ${shown} | ${GROUP_HEADINGS[spec.group]} | ${spec.meaning} |`);
  }
  return rows.join("\n");
}
