import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process. In development Next reloads modules on every change, so the client is
// kept on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { wardsafePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or set it to a PostgreSQL URL");
  }
  const adapter = new PrismaPg({
    connectionString,
    max: DATABASE_POOL_SIZE,
  });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.wardsafePrisma ??= createClient();
  return globalForPrisma.wardsafePrisma;
}

export type { PrismaClient };
