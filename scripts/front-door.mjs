// The server `npm start` (and the tests) run: Next's production server inside a plain Node HTTP
// server whose one job is to tell the app which address each request came from, in a header only
// it can write (lib/http/front-door.mjs says how, and why `next start` alone cannot).
//
//   node scripts/front-door.mjs --host 127.0.0.1 --port 3000 --trusted-proxy-hops 0
//
// Options, not environment variables: scripts/start.ts reads the environment through lib/env and
// passes what this needs. Plain JavaScript so it runs on Node without a TypeScript loader in the
// request path.
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { openFrontDoor, stampClientAddress } from "../lib/http/front-door.mjs";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "3000" },
    "trusted-proxy-hops": { type: "string", default: "0" },
  },
});
const port = Number(values.port);
const trustedHops = Number(values["trusted-proxy-hops"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: must be a whole number from 0 to 65535`);
if (!Number.isInteger(trustedHops) || trustedHops < 0 || trustedHops > 10) {
  throw new Error(`--trusted-proxy-hops ${values["trusted-proxy-hops"]}: must be a whole number from 0 to 10`);
}

// React and Next pick their production code from this, as under `next start`.
process.env.NODE_ENV = "production";
openFrontDoor();
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: values.host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  stampClientAddress(request, trustedHops);
  void handle(request, response);
});
server.listen(port, values.host, () => {
  const address = server.address();
  const listening = typeof address === "object" && address ? address.port : port;
  console.log(`Ready on http://${values.host}:${listening}`);
});

let closing = false;
function close() {
  if (closing) return;
  closing = true;
  server.close(() => void app.close().finally(() => process.exit(0)));
  // Keep-alive connections would hold close() open; they get a moment to finish, then go.
  setTimeout(() => server.closeAllConnections(), 2000).unref();
  setTimeout(() => process.exit(0), 8000).unref();
}
process.on("SIGTERM", close);
process.on("SIGINT", close);
