import { checkEnvOrExit } from "@/lib/env";

// Runs once when `next start` (or `next dev`) boots, before any request: a wrong environment
// variable stops the server here with a message naming it, instead of failing requests later.
export function register(): void {
  checkEnvOrExit();
}
