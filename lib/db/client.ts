import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

// One client per process. In development Next reloads modules on every change, so the client is
// kept on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { wardsafePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or set it to a PostgreSQL URL");
  }
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.wardsafePrisma ??= createClient();
  return globalForPrisma.wardsafePrisma;
}

export type { PrismaClient };
