import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

// The survey's static files (and the ward tablet's: kiosk.js is built from lib/survey/tablets/kiosk-client.ts) are served with a year's `immutable` caching (next.config.ts), so
// a phone on ward Wi-Fi fetches them once. Their address carries a hash of their content, so a
// changed file has a new address and no phone keeps an old copy.

/** The easy-read survey's pictures (public/easy-read), in the same hash. */
export const EASY_READ_PICTURES = ["ward", "safe", "speak", "tick", "cross", "service-user", "staff"] as const;
const FILES = ["survey.css", "survey.js", "kiosk.js", "kiosk-sw.js", ...EASY_READ_PICTURES.map((name) => `easy-read/${name}.svg`)];
let version: string | undefined;

export function surveyAssetVersion(): string {
  if (version === undefined) {
    const hash = createHash("sha256");
    for (const file of FILES) hash.update(readFileSync(path.join(process.cwd(), "public", file)));
    version = hash.digest("hex").slice(0, 12);
  }
  return version;
}
