import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase, withPg, type ThrowawayDatabase } from "../../scripts/support/db";
import {
  SCHEMA_PATH,
  compareSchemas,
  diffDatabaseAgainstSchema,
  expectedSchemaFromPrisma,
  loadPrismaSchema,
  readDatabaseSchema,
  type ExpectedSchema,
} from "../helpers/schema-compare";

// The migrations in prisma/migrations are written by hand (Prisma's schema engine cannot run
// here), so this is what stops them drifting from prisma/schema.prisma.

let expected: ExpectedSchema;
beforeAll(async () => {
  expected = expectedSchemaFromPrisma(await loadPrismaSchema());
});

describe("the migrated database", () => {
  it("matches prisma/schema.prisma: tables, columns, types, nullability, defaults, keys, indexes, foreign keys, enums", async () => {
    const diffs = compareSchemas(expected, await readDatabaseSchema(inject("databaseUrl")));
    expect(diffs, `the migrations and prisma/schema.prisma disagree:\n${diffs.join("\n")}`).toEqual([]);
  });

  it("is checked against everything the schema declares (the expectation is not vacuous)", async () => {
    const { datamodel } = await loadPrismaSchema();
    expect(Object.keys(expected.tables).sort()).toEqual(datamodel.models.map((m) => m.dbName ?? m.name).sort());
    expect(Object.keys(expected.enums).sort()).toEqual(datamodel.enums.map((e) => e.dbName ?? e.name).sort());
    const scalarFields = datamodel.models.flatMap((m) => m.fields.filter((f) => f.kind !== "object"));
    const columns = Object.values(expected.tables).flatMap((t) => Object.keys(t.columns));
    expect(columns).toHaveLength(scalarFields.length);
    const indexCount = Object.values(expected.tables).reduce((n, t) => n + Object.keys(t.indexes).length, 0);
    expect(indexCount).toBe(datamodel.indexes.filter((i) => i.type !== "id").length);
    // Spot checks of the mapping itself, on fields whose SQL is easy to get wrong by hand.
    expect(expected.tables.survey_response?.columns.id).toMatchObject({ type: "uuid", nullable: false });
    expect(expected.tables.survey_response?.columns.submitted_on?.type).toBe("date");
    expect(expected.tables.survey_response?.columns.respondent?.type).toBe("USER-DEFINED respondent_type");
    expect(expected.tables.trust?.columns.created_at?.type).toBe("timestamp(3) without time zone");
    expect(expected.tables.ward?.foreignKeys.ward_team_id_fkey?.onDelete).toBe("SET NULL");
    expect(expected.tables.project_team?.indexes.project_team_trust_id_name_key).toMatchObject({
      unique: true,
      columns: ["trust_id", "name"],
    });
  });
});

describe("the drift checker itself", () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  /** Differences seen after `sql` runs in a transaction that is then rolled back, leaving `db` intact. */
  async function diffsAfter(sql: string): Promise<string[]> {
    return withPg(db.url, async (client) => {
      await client.query("BEGIN");
      try {
        await client.query(sql);
        return compareSchemas(expected, await readDatabaseSchema(client));
      } finally {
        await client.query("ROLLBACK");
      }
    });
  }

  it("finds nothing on an untouched fresh database", async () => {
    expect(await diffsAfter("SELECT 1")).toEqual([]);
  });

  it.each([
    ["a dropped column", `ALTER TABLE "ward" DROP COLUMN "charter_contact"`, /column ward\.charter_contact: missing from the database/],
    ["an extra column", `ALTER TABLE "trust" ADD COLUMN "notes" TEXT`, /column trust\.notes: in the database \(text\) but not in the schema/],
    ["a changed type", `ALTER TABLE "project_team" ALTER COLUMN "target_percent" TYPE BIGINT`, /project_team\.target_percent: database type is bigint, schema expects integer/],
    ["a timestamp precision", `ALTER TABLE "trust" ALTER COLUMN "created_at" TYPE TIMESTAMP(6)`, /trust\.created_at: database type is timestamp\(6\) without time zone, schema expects timestamp\(3\)/],
    ["a date stored as a timestamp", `ALTER TABLE "survey_response" ALTER COLUMN "submitted_on" TYPE TIMESTAMP(3)`, /survey_response\.submitted_on: database type is timestamp\(3\) without time zone, schema expects date/],
    ["a uuid stored as text", `ALTER TABLE "survey_response" ALTER COLUMN "submission_key" TYPE TEXT`, /survey_response\.submission_key: database type is text, schema expects uuid/],
    ["an enum stored as text", `ALTER TABLE "survey_response" ALTER COLUMN "respondent" TYPE TEXT`, /survey_response\.respondent: database type is text, schema expects USER-DEFINED respondent_type/],
    ["a lost NOT NULL", `ALTER TABLE "ward" ALTER COLUMN "name" DROP NOT NULL`, /ward\.name: database column is nullable, schema expects NOT NULL/],
    ["an added NOT NULL", `ALTER TABLE "survey_response" ALTER COLUMN "able_to_speak_up" SET NOT NULL`, /survey_response\.able_to_speak_up: database column is NOT NULL, schema expects nullable/],
    ["a dropped default", `ALTER TABLE "ward" ALTER COLUMN "active" DROP DEFAULT`, /ward\.active: database default is none, schema expects true/],
    ["a different default", `ALTER TABLE "survey_response" ALTER COLUMN "source" SET DEFAULT 'PAPER'`, /survey_response\.source: database default is 'PAPER'::response_source, schema expects 'ONLINE'::response_source/],
    ["a default the schema leaves to Prisma Client", `ALTER TABLE "trust" ALTER COLUMN "updated_at" SET DEFAULT now()`, /trust\.updated_at: database default is now\(\), schema expects no default/],
    ["a dropped primary key", `ALTER TABLE "survey_response" DROP CONSTRAINT "survey_response_pkey"`, /table survey_response: database primary key is none, schema expects survey_response_pkey \(id\)/],
    ["a dropped @unique", `DROP INDEX "ward_survey_code_key"`, /index ward_survey_code_key on ward: missing from the database \(schema has UNIQUE btree \(survey_code\)\)/],
    ["a dropped @@unique", `DROP INDEX "project_team_trust_id_name_key"`, /index project_team_trust_id_name_key on project_team: missing/],
    ["a dropped @@index", `DROP INDEX "survey_response_ward_id_submitted_on_idx"`, /index survey_response_ward_id_submitted_on_idx on survey_response: missing/],
    [
      "a unique index that lost its uniqueness",
      `DROP INDEX "trust_name_key"; CREATE INDEX "trust_name_key" ON "trust"("name")`,
      /index trust_name_key on trust: database has btree \(name\), schema expects UNIQUE btree \(name\)/,
    ],
    [
      "index columns in another order",
      `DROP INDEX "survey_response_ward_id_submitted_on_idx"; CREATE INDEX "survey_response_ward_id_submitted_on_idx" ON "survey_response"("submitted_on", "ward_id")`,
      /database has btree \(submitted_on, ward_id\), schema expects btree \(ward_id, submitted_on\)/,
    ],
    ["an extra index", `CREATE INDEX "ward_name_idx" ON "ward"("name")`, /index ward_name_idx on ward: in the database \(btree \(name\)\) but not in the schema/],
    [
      "a changed onDelete",
      `ALTER TABLE "ward" DROP CONSTRAINT "ward_team_id_fkey";
       ALTER TABLE "ward" ADD CONSTRAINT "ward_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "project_team"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
      /foreign key ward_team_id_fkey on ward: database has .*ON DELETE CASCADE.*, schema expects .*ON DELETE SET NULL/,
    ],
    ["a dropped foreign key", `ALTER TABLE "survey_response" DROP CONSTRAINT "survey_response_ward_id_fkey"`, /foreign key survey_response_ward_id_fkey on survey_response: missing/],
    ["an extra enum label", `ALTER TYPE "respondent_type" ADD VALUE 'VISITOR'`, /enum respondent_type: database has labels \(SERVICE_USER, STAFF, VISITOR\), schema has \(SERVICE_USER, STAFF\)/],
    ["an extra enum", `CREATE TYPE "stray_kind" AS ENUM ('A')`, /enum stray_kind: in the database but not in the schema/],
    ["an extra table", `CREATE TABLE "stray" ("id" INTEGER)`, /table stray: in the database but not in the schema/],
    ["a dropped table", `DROP TABLE "survey_response"`, /table survey_response: missing from the database/],
  ])("reports %s", async (_what, sql, message) => {
    const diffs = await diffsAfter(sql);
    expect(diffs.some((d) => message.test(d)), `expected a difference matching ${message}, got:\n${diffs.join("\n")}`).toBe(true);
  });

  it("reports a column really dropped from a migrated database", async () => {
    const altered = await freshDatabase();
    try {
      await withPg(altered.url, (c) => c.query(`ALTER TABLE "survey_response" DROP COLUMN "felt_safe"`));
      expect(await diffDatabaseAgainstSchema(altered.url)).toEqual([
        "column survey_response.felt_safe: missing from the database (schema has boolean)",
      ]);
    } finally {
      await altered.cleanup();
    }
  });

  it("reports schema.prisma changes that have no migration", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wardsafe-schema-"));
    try {
      const original = await readFile(SCHEMA_PATH, "utf8");
      const edits: Array<[RegExp, string]> = [
        [/^model Ward \{\n/m, `$&  driftProbeNote String? @map("drift_probe_note")\n`],
        [/^model Trust \{\n/m, `$&  @@index([name], map: "trust_drift_probe_idx")\n`],
        [/^enum RespondentType \{\n/m, `$&  DRIFT_PROBE\n`],
      ];
      let edited = original;
      for (const [at, replacement] of edits) {
        expect(at.test(edited), `schema.prisma no longer has ${at}; update this test`).toBe(true);
        edited = edited.replace(at, replacement);
      }
      edited += `\nmodel DriftProbe {\n  id    Int    @id @default(autoincrement())\n  label String @unique\n\n  @@map("drift_probe")\n}\n`;
      const schemaPath = path.join(dir, "schema.prisma");
      await writeFile(schemaPath, edited);

      const diffs = await diffDatabaseAgainstSchema(db.url, { schemaPath });
      expect(diffs).toEqual(
        expect.arrayContaining([
          "column ward.drift_probe_note: missing from the database (schema has text)",
          "index trust_drift_probe_idx on trust: missing from the database (schema has btree (name))",
          "enum respondent_type: database has labels (SERVICE_USER, STAFF), schema has (DRIFT_PROBE, SERVICE_USER, STAFF)",
          "table drift_probe: missing from the database",
        ]),
      );
      expect(diffs).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
