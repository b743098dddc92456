// Values tests/integration/global-setup.ts hands to test files through `inject(...)`.
// The export makes this file a module, so the block below augments vitest's types instead of
// replacing them.
export {};

declare module "vitest" {
  export interface ProvidedContext {
    /** The suite's shared, migrated database. */
    databaseUrl: string;
    /** Where throwaway databases are created (on PGlite: the same URL as databaseUrl). */
    adminUrl: string;
    /** Which server the suite runs against; freshDatabase() needs to know how to make a new one. */
    databaseServer: "postgresql" | "pglite";
  }
}
