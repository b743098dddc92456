// @ts-check
import { randomBytes, timingSafeEqual } from "node:crypto";

// Who a request came from, decided once at the front door (scripts/front-door.mjs, the server
// `npm start` runs) and handed to the app in a header that only the front door can write.
//
// `next start` gives route handlers no socket address: it fills X-Forwarded-For from the socket
// only when the client sent none, so a made-up header becomes "the client". The front door
// instead builds the chain [X-Forwarded-For entries…, socket address] and takes the entry
// TRUSTED_PROXY_HOPS from the right: with no proxy (0) that is the socket itself and nothing the
// client sends matters; each trusted proxy appends the address it saw, so one proxy (1) means
// the last X-Forwarded-For entry, and anything further left is whatever the client wrote.
//
// The header carries a random token made when the front door opens, kept on globalThis of that
// one process, so a copy sent by a client (or a request reaching a bare `next start`) is not
// believed: the app then knows no address ("unknown"). Plain JavaScript, typed by
// lib/http/front-door.d.mts, so the front door loads it as it is, before Next or tsx do anything.

/** Set by the front door on every request, after removing any copy the client sent. */
export const CLIENT_ADDRESS_HEADER = "x-wardsafe-client-address";

const TOKEN = Symbol.for("wardsafe.frontDoorToken");
/** @type {Record<symbol, string | undefined>} */
const shared = /** @type {any} */ (globalThis);

/**
 * @param {string | string[] | undefined} forwardedFor
 * @param {string | undefined} socketAddress
 * @param {number} trustedHops
 * @returns {string}
 */
export function clientFromChain(forwardedFor, socketAddress, trustedHops) {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...listed, socketAddress || "unknown"];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? "unknown";
}

/** Makes this process's token (once); only the process that calls this can stamp addresses. */
export function openFrontDoor() {
  return (shared[TOKEN] ??= randomBytes(24).toString("base64url"));
}

/**
 * Replaces whatever the client sent in CLIENT_ADDRESS_HEADER with the address the front door
 * worked out.
 * @param {import("node:http").IncomingMessage} request
 * @param {number} trustedHops
 */
export function stampClientAddress(request, trustedHops) {
  const token = openFrontDoor();
  const address = clientFromChain(request.headers["x-forwarded-for"], request.socket.remoteAddress, trustedHops);
  request.headers[CLIENT_ADDRESS_HEADER] = `${token} ${address}`;
}

/**
 * The address the front door stamped, or "unknown" when the header is missing or was not
 * written by this process's front door.
 * @param {string | null | undefined} stamped
 * @returns {string}
 */
export function stampedClientAddress(stamped) {
  const token = shared[TOKEN];
  if (!token || !stamped) return "unknown";
  const space = stamped.indexOf(" ");
  if (space < 0) return "unknown";
  const given = Buffer.from(stamped.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "unknown";
  return stamped.slice(space + 1) || "unknown";
}
