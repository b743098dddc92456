import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

// A PostgreSQL server of a test's own (Debian's binaries, its own data folder and port), for tests
// and benchmarks that stop and restart the database under the app. The shared server on 5432 is
// never touched. PostgreSQL refuses to run as root, so as root it runs as the postgres user.

export type ThrowawayPostgres = {
  url: string;
  port: number;
  stop: () => void;
  start: () => void;
  /** As stop and start, without blocking this process (a benchmark keeps sending meanwhile). */
  stopAsync: () => Promise<void>;
  startAsync: () => Promise<void>;
  cleanup: () => void;
};

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
  return path.join(root, newest, "bin");
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "wardsafe-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : path.join(bin, tool), asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args, { stdio: "pipe" });
  const runAsync = async (tool: string, args: string[]) => {
    await promisify(execFile)(asRoot ? "runuser" : path.join(bin, tool), asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args);
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run("pg_ctl", startArgs());
  const stopArgs = ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"];
  const startArgs = () => ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"];
  const stop = () => run("pg_ctl", stopArgs);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    stopAsync: () => runAsync("pg_ctl", stopArgs),
    startAsync: () => runAsync("pg_ctl", startArgs()),
    cleanup: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
