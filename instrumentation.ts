// Runs once when `next start` (or `next dev`) boots, before any request: a wrong environment
// variable stops the server here with a message naming it, instead of failing requests later.
// NEXT_RUNTIME is not configuration: Next writes it into each bundle at build time, so the Edge
// bundle drops this import (lib/env exits the process, which only Node.js can).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvOrExit } = await import("@/lib/env");
    checkEnvOrExit();
  }
}
