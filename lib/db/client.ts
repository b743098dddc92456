import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process. In development Next reloads modules on every change, so the client is
// kept on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { wardsafePrisma?: PrismaClient; wardsafePool?: pg.Pool };

/**
 * Inside an interactive transaction Prisma runs independent parts of one query plan at once (a
 * Promise.all over its nodes), all on the transaction's single connection. pg then queues them
 * itself, which it has deprecated ("Calling client.query() when the client is already executing a
 * query"), and pg 9 will refuse it. So each connection sends its queries one after another here,
 * as the connection would anyway: the order and the results are the same.
 */
export function sendQueriesInTurn(client: pg.ClientBase): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  let previous: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const last = args[args.length - 1];
    const first = args[0] as { submit?: unknown } | undefined;
    // Callback-style calls and submittables (cursors, COPY streams) keep pg's own handling.
    if (typeof last === "function" || typeof first?.submit === "function") return send(...args);
    const result = previous.then(() => send(...args));
    previous = result.catch(() => {});
    return result;
  }) as typeof client.query;
}

function createClient(): PrismaClient {
  const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or set it to a PostgreSQL URL");
  }
  const pool = new pg.Pool({ connectionString, max: DATABASE_POOL_SIZE });
  pool.on("connect", sendQueriesInTurn);
  globalForPrisma.wardsafePool = pool;
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.wardsafePrisma ??= createClient();
  return globalForPrisma.wardsafePrisma;
}

/**
 * The same connections as db(), for the one statement on the survey's hot path (lib/survey/record):
 * Prisma's raw-query layer costs more CPU per answer than the insert itself. Everything else goes
 * through Prisma.
 */
export function pool(): pg.Pool {
  db();
  return globalForPrisma.wardsafePool!;
}

export type { PrismaClient };
