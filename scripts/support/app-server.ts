import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

// Runs the production build (as `npm start` does: Next behind scripts/front-door.mjs) as its own process so tests talk to the app over
// real HTTP, exactly as a phone or an analyst's script would. Requires `next build` to have run.

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type AppServer = { baseUrl: string; output: () => string; stop: () => Promise<void> };

/** The app as `npm start` serves it (scripts/front-door.mjs), with no reverse proxy in front unless `trustedProxyHops` says so. */
export function frontDoorArgs(port: number, trustedProxyHops = 0): string[] {
  return ["--import", "tsx", path.join(root, "scripts/front-door.mjs"), "--host", "127.0.0.1", "--port", String(port), "--trusted-proxy-hops", String(trustedProxyHops)];
}

export async function startAppServer(opts: {
  databaseUrl: string;
  env?: Record<string, string>;
  /** Pretend this many proxies stand in front, so a test can send X-Forwarded-For to be several clients. */
  trustedProxyHops?: number;
  /** A bare `next start` instead, as `next dev` serves the app: no front door. */
  bareNext?: boolean;
}): Promise<AppServer> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    opts.bareNext
      ? [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)]
      : frontDoorArgs(port, opts.trustedProxyHops),
    {
      cwd: root,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: opts.databaseUrl,
        NODE_ENV: "production",
        AUTH_SECRET: "test-secret-for-integration-tests-only-0123456789",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(undefined);
        }, 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    },
  };
}
