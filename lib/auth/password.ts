import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id (the library's default algorithm) with its default cost (19 MiB, 2 passes): OWASP's
// recommended minimum for argon2id.

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(12, "Use at least 12 characters")
  .max(200, "Use at most 200 characters");

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("not-a-real-password-but-costs-the-same");
  return dummyHash;
}
