// Whether an error means "the database cannot be reached just now" (down, restarting, refusing
// connections, the pool timing out), as opposed to a bug or bad data. Such errors become 503 with
// Retry-After on the survey path, never 500, and the app keeps trying: nothing is restarted.
// Pure: reads only the error's own fields, so it can be unit-tested without a database.

/** Seconds a client is asked to wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Prisma's codes for an unreachable server, a timed-out connection, a closed connection and an
// exhausted pool; the driver adapter's kinds for the same; PostgreSQL's SQLSTATEs for a server
// shutting down, starting up, or a connection lost; Node's socket errors.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
const MESSAGES = [/Can't reach database server/i, /Connection terminated/i, /terminating connection due to administrator command/i, /the database system is (starting up|shutting down)/i, /timeout exceeded when trying to connect/i, /Server has closed the connection/i];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || error === null || typeof error !== "object") return false;
  const e = error as Record<string, unknown>;
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SQLSTATES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.kind === "string" && e.kind === "postgres" && typeof e.code === "string" && SQLSTATES.has(e.code)) return true;
  if (typeof e.message === "string" && MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  // Prisma wraps the driver's error: meta.driverAdapterError, cause, or errors of an AggregateError.
  const nested = [e.cause, (e.meta as Record<string, unknown> | undefined)?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/**
 * Remembers whether the database was last seen reachable, so the log says so once when it goes
 * and once when it comes back, not once per request. The lines name no request and no respondent.
 */
export class DatabaseWatch {
  private reachable = true;
  constructor(private readonly log: (line: string) => void = (line) => console.warn(line)) {}

  sawFailure(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (this.reachable) this.log("wardsafe: the database is unreachable; answering 503 until it is back");
    this.reachable = false;
    return true;
  }

  sawSuccess(): void {
    if (!this.reachable) this.log("wardsafe: the database is reachable again");
    this.reachable = true;
  }
}

const globalWatch = globalThis as unknown as { wardsafeDatabaseWatch?: DatabaseWatch };

export function databaseWatch(): DatabaseWatch {
  globalWatch.wardsafeDatabaseWatch ??= new DatabaseWatch();
  return globalWatch.wardsafeDatabaseWatch;
}

/** Runs `work`; an unreachable database becomes `unavailable` (noted once), anything else is thrown on. */
export async function unlessDatabaseDown<T>(work: () => Promise<T>): Promise<T | { unavailable: true }> {
  try {
    const result = await work();
    databaseWatch().sawSuccess();
    return result;
  } catch (error) {
    if (databaseWatch().sawFailure(error)) return { unavailable: true };
    throw error;
  }
}

export function isUnavailable(value: unknown): value is { unavailable: true } {
  return typeof value === "object" && value !== null && (value as { unavailable?: unknown }).unavailable === true;
}
