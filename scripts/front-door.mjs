// The server `npm start` (and the tests) run: Next's production server inside a plain Node HTTP
// server that tells the app which address each request came from, in a header only it can write
// (lib/http/front-door.mjs says how, and why `next start` alone cannot), and answers the survey's
// submissions without Next's router.
//
//   node --import tsx scripts/front-door.mjs --host 127.0.0.1 --port 3000 --trusted-proxy-hops 0
//
// Run it with tsx's loader (`node --import tsx`) so it can call the survey's route handler
// directly (below); options, not environment variables: scripts/start.ts reads the environment
// through lib/env and passes what this needs.
import { createServer } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
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

// The survey's hot path, POST /api/v1/responses, is answered here by the app's own route handler
// (the same function Next would call, so there is one definition of it), without going through
// Next's router: that costs more CPU per answer than the insert itself, and on a ward's busy
// evening every answer goes this way. Everything else, the survey's HTML form included, is Next's.
const { POST: submitResponse } = await import("../app/api/v1/responses/route.ts");

/** @param {import("node:http").IncomingMessage} request @param {import("node:http").ServerResponse} response */
async function answerSubmission(request, response) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const body = /** @type {ReadableStream} */ (Readable.toWeb(request));
  const answer = await submitResponse(new Request(`http://${values.host}${request.url}`, { method: "POST", headers, body, duplex: "half" }));
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

const server = createServer((request, response) => {
  stampClientAddress(request, trustedHops);
  if (request.method === "POST" && request.url === "/api/v1/responses") {
    answerSubmission(request, response).catch(() => {
      // As Next would: a plain 500, no details. (An unreachable database is a 503 inside the handler.)
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      response.end('{"error":"internal"}');
    });
    return;
  }
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
