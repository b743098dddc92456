import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER: "x-wardsafe-client-address";
export function clientFromChain(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string;
export function openFrontDoor(): string;
export function stampClientAddress(request: IncomingMessage, trustedHops: number): void;
export function stampedClientAddress(stamped: string | null | undefined): string;
