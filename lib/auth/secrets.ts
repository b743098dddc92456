import { createHash, randomBytes } from "node:crypto";

// Secrets handed to people (set-password links, API tokens) are random 256-bit strings; only their
// SHA-256 is stored, so a database leak does not leak working links or tokens. (A fast hash is
// right here: the secrets have full entropy, unlike passwords.)

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export const API_TOKEN_PREFIX = "wst_";
export const PASSWORD_TOKEN_PREFIX = "wsp_";
