import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { newWardCode } from "@/lib/survey/ward-code";

/** A Prisma client on a test database, for arranging fixtures and checking what was stored. */
export function testPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }) });
}

let counter = 0;

/** A trust with one ward (optionally in a team), with unique names so tests never collide. */
export async function createWard(
  prisma: PrismaClient,
  opts: { active?: boolean; charterContact?: string; withTeam?: boolean; name?: string } = {},
) {
  const suffix = `${process.pid}-${Date.now()}-${++counter}`;
  const trust = await prisma.trust.create({ data: { name: `Test Trust ${suffix}` } });
  const team = opts.withTeam ? await prisma.projectTeam.create({ data: { name: `Test Team ${suffix}`, trustId: trust.id } }) : null;
  const ward = await prisma.ward.create({
    data: {
      name: opts.name ?? `Test Ward ${suffix}`,
      trustId: trust.id,
      teamId: team?.id ?? null,
      surveyCode: newWardCode(),
      active: opts.active ?? true,
      charterContact: opts.charterContact ?? "",
    },
  });
  return { trust, team, ward };
}
