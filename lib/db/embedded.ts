import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded PostgreSQL for trying Wardsafe without installing a database server: PGlite serves
// a data folder over the PostgreSQL wire protocol, so Prisma and pg run unchanged. PGlite has no
// lock of its own and a second process opening the same folder silently loses data, so this
// module takes an exclusive lock file first.

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export class EmbeddedDatabaseLockedError extends Error {}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes `<dataDir>.lock`, replacing it only when the process that wrote it is gone. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder)) {
        throw new EmbeddedDatabaseLockedError(
          `The embedded database in ${dataDir} is already open in process ${holder}. Stop that process first ` +
            `(only one process may open it), or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
      rmSync(lockPath, { force: true }); // stale: its process died without cleaning up
    }
  }
  throw new EmbeddedDatabaseLockedError(`Could not lock ${lockPath}`);
}

export async function startEmbeddedDatabase(opts: {
  dataDir?: string;
  port: number;
  host?: string;
}): Promise<EmbeddedDatabase> {
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  try {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const pglite = opts.dataDir ? await PGlite.create(opts.dataDir) : await PGlite.create();
    const host = opts.host ?? "127.0.0.1";
    // More than one connection: Prisma's pool opens several, and with the default of 1 the rest fail.
    const server = new PGLiteSocketServer({ db: pglite, port: opts.port, host, maxConnections: 10 });
    await server.start();
    return {
      url: `postgresql://postgres@${host}:${opts.port}/postgres?sslmode=disable`,
      stop: async () => {
        await server.stop();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
