import { CLIENT_ADDRESS_HEADER, stampedClientAddress } from "./front-door.mjs";

/**
 * The address a request came from, as the front door (scripts/front-door.mjs) worked it out from
 * the socket and TRUSTED_PROXY_HOPS. Used only as rate-limit input (salted, in memory or Redis)
 * and then discarded: never stored, never logged. "unknown" when the app runs without its front
 * door (`next dev`, a bare `next start`): every such request then shares one counter, which errs
 * towards holding answers for review, never towards believing a header the client wrote.
 */
export function clientAddressOf(headers: Headers): string {
  return stampedClientAddress(headers.get(CLIENT_ADDRESS_HEADER));
}
