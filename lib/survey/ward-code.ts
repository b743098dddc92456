import { randomInt } from "node:crypto";

// Codes are read off posters and typed from them, so the alphabet leaves out characters that look
// alike (0/O, 1/I/L) and vowels are kept only where they cannot spell much (no U, no E, no A).
export const WARD_CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ";
export const WARD_CODE_LENGTH = 10;

/** A random survey code: 28^10 ≈ 3·10^14 possibilities, drawn from a CSPRNG, never sequential. */
export function newWardCode(): string {
  let code = "";
  for (let i = 0; i < WARD_CODE_LENGTH; i++) code += WARD_CODE_ALPHABET[randomInt(WARD_CODE_ALPHABET.length)];
  return code;
}
