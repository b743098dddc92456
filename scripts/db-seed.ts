// npm run db:seed — puts the demo collaborative into the database at DATABASE_URL (idempotent).
import { db } from "@/lib/db/client";
import { seedDemoCollaborative } from "@/lib/db/seed";
import { env } from "@/lib/env";

if (!env().DATABASE_URL) {
  console.error("DATABASE_URL is not set. Set it to the PostgreSQL database to seed.");
  process.exit(2);
}
const result = await seedDemoCollaborative(db());
console.log(result.created ? "Seeded the demo collaborative:" : "The demo collaborative is already there:");
for (const ward of result.wards) console.log(`  ${ward.name}: /s/${ward.surveyCode}`);
await db().$disconnect();
