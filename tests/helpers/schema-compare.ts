import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

// Proves a migrated database matches prisma/schema.prisma, the job `prisma migrate diff` would do if
// its schema engine could run here.
//
// The expected side comes from Prisma itself: `prisma generate` hands every generator the DMMF
// (Prisma's parsed, validated data model: db names, native types, defaults, indexes, relations),
// so a throwaway generator that just writes the DMMF to a file gives us the schema exactly as
// Prisma understands it, with no hand-written parser. (The generated client's runtimeDataModel
// lacks native types, defaults and indexes, and @prisma/internals' getDMMF is not installed.) The
// only thing the DMMF leaves out is a foreign key's custom name, `@relation(map: "...")`, which is
// read from the schema text.
//
// The actual side is read from PostgreSQL's catalogs. Both are reduced to the same shape and compared
// in both directions, so a field without a migration and a column without a field both show up.

export const SCHEMA_PATH = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

// ---------------------------------------------------------------------------------------------
// The DMMF, as far as this checker reads it

export type DmmfDefault = string | number | boolean | { name: string; args: unknown[] } | unknown[];

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: DmmfDefault;
  nativeType?: [string, string[]] | null;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};

export type DmmfModel = {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
};

export type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] };

export type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  where?: unknown;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
};

export type DmmfDatamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

export type LoadedSchema = { datamodel: DmmfDatamodel; schemaText: string };

// A generator speaks JSON-RPC with Prisma: requests arrive one per line on stdin, replies go one per
// line on stderr. It is written to a temp folder at run time so the checker needs no extra file in
// the project and no @prisma/generator-helper.
const DUMP_GENERATOR = `
const { writeFileSync } = require("node:fs");
const { createInterface } = require("node:readline");
const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\\n");
createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.method === "getManifest") {
    reply(msg.id, { manifest: { prettyName: "DMMF dump for the schema drift test", requiresEngines: [] } });
  } else if (msg.method === "generate") {
    writeFileSync(process.env.WARDSAFE_DMMF_OUT, JSON.stringify(msg.params.dmmf.datamodel));
    reply(msg.id, null);
  }
});
`;

function run(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(file, args, { ...opts, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Prisma's own reading of a schema file (default: prisma/schema.prisma). */
export async function loadPrismaSchema(schemaPath: string = SCHEMA_PATH): Promise<LoadedSchema> {
  const schemaText = await readFile(schemaPath, "utf8");
  const dir = await mkdtemp(path.join(tmpdir(), "wardsafe-dmmf-"));
  try {
    const generatorPath = path.join(dir, "dump-dmmf.cjs");
    const outPath = path.join(dir, "dmmf.json");
    if (/[\s"\\]/.test(generatorPath + process.execPath)) {
      throw new Error(`Cannot name ${generatorPath} in a generator provider (whitespace or quotes in the path)`);
    }
    await writeFile(generatorPath, DUMP_GENERATOR);
    // Only our generator runs (--generator), so the client generator's relative output path is inert.
    await writeFile(
      path.join(dir, "schema.prisma"),
      `${schemaText}\n\ngenerator wardsafe_dmmf_dump {\n  provider = "${process.execPath} ${generatorPath}"\n  output   = "${dir}"\n}\n`,
    );
    const prismaCli = path.join(
      path.dirname(createRequire(path.join(PROJECT_ROOT, "package.json")).resolve("prisma/package.json")),
      "build",
      "index.js",
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // `generate` refuses to start without a schema-engine binary but never runs it.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync("/bin/true") ? "/bin/true" : process.execPath),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      WARDSAFE_DMMF_OUT: outPath,
    };
    // Run from the temp folder so the project's prisma.config.ts (and its DATABASE_URL) stays out of it.
    const result = await run(
      process.execPath,
      [prismaCli, "generate", "--schema", path.join(dir, "schema.prisma"), "--generator", "wardsafe_dmmf_dump"],
      { cwd: dir, env },
    );
    if (result.code !== 0 || !existsSync(outPath)) {
      throw new Error(`prisma generate could not read ${schemaPath} (exit ${result.code}):\n${result.output}`);
    }
    const datamodel = JSON.parse(await readFile(outPath, "utf8")) as DmmfDatamodel;
    return { datamodel, schemaText };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The common shape both sides are reduced to

export type ReferentialAction = "NO ACTION" | "RESTRICT" | "CASCADE" | "SET NULL" | "SET DEFAULT";

export type IndexShape = {
  unique: boolean;
  /** Column names in index order, with " DESC" appended for descending ones. */
  columns: string[];
  method: string;
  /** The WHERE of a partial index; Prisma models none. */
  predicate: string | null;
};

export type ForeignKeyShape = {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};

export type TableShape<Default> = {
  columns: Record<string, { type: string; nullable: boolean; default: Default }>;
  primaryKey: { name: string; columns: string[] } | null;
  /** Every index except the primary key's, by name. */
  indexes: Record<string, IndexShape>;
  foreignKeys: Record<string, ForeignKeyShape>;
};

/** What schema.prisma implies for a column default. "any" where the SQL form is not worth predicting. */
export type ExpectedDefault = { kind: "none" } | { kind: "oneOf"; sql: string[] } | { kind: "prefix"; sql: string } | { kind: "any" };

export type ExpectedSchema = {
  enums: Record<string, string[]>;
  tables: Record<string, TableShape<ExpectedDefault>>;
};

export type ActualSchema = {
  enums: Record<string, string[]>;
  /** Column defaults as PostgreSQL prints them (pg_get_expr), null when there is none. */
  tables: Record<string, TableShape<string | null>>;
};

// ---------------------------------------------------------------------------------------------
// Expected side: DMMF -> shape

// PostgreSQL's limit; Prisma shortens the default constraint names it generates to fit it.
const MAX_IDENTIFIER = 63;

function defaultPrimaryKeyName(table: string): string {
  const base = table.length >= MAX_IDENTIFIER - 5 ? table.slice(0, MAX_IDENTIFIER - 5) : table;
  return `${base}_pkey`;
}

function defaultIndexName(table: string, columns: string[], suffix: "key" | "idx"): string {
  let name = `${table}_${columns.join("_")}`;
  if (name.length >= MAX_IDENTIFIER - suffix.length - 1) name = name.slice(0, MAX_IDENTIFIER - suffix.length - 1);
  return `${name}_${suffix}`;
}

function defaultForeignKeyName(table: string, columns: string[]): string {
  const name = `${table}_${columns.join("_")}`;
  return `${name.length >= MAX_IDENTIFIER - 5 ? name.slice(0, MAX_IDENTIFIER - 5) : name}_fkey`;
}

/** How format_type() prints a type name: quoted unless it is a plain lower-case identifier. */
function formatTypeName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export class UnsupportedSchemaError extends Error {}

function unsupported(what: string): never {
  throw new UnsupportedSchemaError(
    `schema-compare cannot check ${what} yet; extend tests/helpers/schema-compare.ts rather than letting it pass unchecked`,
  );
}

/** The column type as format_type() prints it (or "USER-DEFINED <udt_name>" for enums and extension types). */
function expectedColumnType(model: DmmfModel, field: DmmfField, enumDbNames: Map<string, string>): string {
  const list = field.isList ? "[]" : "";
  if (field.kind === "enum") {
    const dbName = enumDbNames.get(field.type) ?? unsupported(`enum ${field.type}`);
    return field.isList ? `${formatTypeName(dbName)}[]` : `USER-DEFINED ${dbName}`;
  }
  const where = `${model.name}.${field.name}`;
  if (field.nativeType) {
    const [native, args] = field.nativeType;
    const n = args[0];
    const p = (fallback: string) => (n === undefined ? fallback : `(${n})`);
    const byNative: Record<string, string | undefined> = {
      Text: "text",
      Char: `character${p("(1)")}`,
      VarChar: `character varying${p("")}`,
      Bit: `bit${p("(1)")}`,
      VarBit: `bit varying${p("")}`,
      Uuid: "uuid",
      Xml: "xml",
      Inet: "inet",
      Citext: "USER-DEFINED citext",
      Boolean: "boolean",
      Integer: "integer",
      SmallInt: "smallint",
      BigInt: "bigint",
      Oid: "oid",
      Decimal: n === undefined ? "numeric" : `numeric(${n},${args[1] ?? 0})`,
      Money: "money",
      Real: "real",
      DoublePrecision: "double precision",
      Timestamp: `timestamp${p("")} without time zone`,
      Timestamptz: `timestamp${p("")} with time zone`,
      Date: "date",
      Time: `time${p("")} without time zone`,
      Timetz: `time${p("")} with time zone`,
      Json: "json",
      JsonB: "jsonb",
      ByteA: "bytea",
    };
    const type = byNative[native] ?? unsupported(`${where} with @db.${native}`);
    if (field.isList && type.startsWith("USER-DEFINED")) unsupported(`${where}: a list of @db.${native}`);
    return type + list;
  }
  const byScalar: Record<string, string | undefined> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return (byScalar[field.type] ?? unsupported(`${where} of type ${field.type}`)) + list;
}

function expectedDefault(field: DmmfField, enumDbNames: Map<string, string>): ExpectedDefault {
  if (!field.hasDefaultValue || field.default === undefined) return { kind: "none" };
  const d = field.default;
  if (Array.isArray(d)) return { kind: "any" };
  if (typeof d === "object" && d !== null) {
    switch (d.name) {
      case "now":
        return { kind: "oneOf", sql: ["CURRENT_TIMESTAMP", "now()"] };
      case "dbgenerated":
        return typeof d.args[0] === "string" ? { kind: "oneOf", sql: [d.args[0]] } : { kind: "any" };
      case "autoincrement":
        return { kind: "prefix", sql: "nextval(" };
      // Filled in by Prisma Client, never by the database.
      case "cuid":
      case "uuid":
      case "nanoid":
      case "ulid":
        return { kind: "none" };
      default:
        return { kind: "any" };
    }
  }
  if (field.kind === "enum") {
    const type = enumDbNames.get(field.type) ?? field.type;
    return { kind: "oneOf", sql: [`${sqlString(String(d))}::${formatTypeName(type)}`] };
  }
  const native = field.nativeType?.[0];
  if (field.type === "Boolean") return { kind: "oneOf", sql: [String(d)] };
  if (field.type === "String" && (native === undefined || native === "Text")) {
    return { kind: "oneOf", sql: [`${sqlString(String(d))}::text`] };
  }
  if ((field.type === "Int" || field.type === "BigInt") && native === undefined) {
    const cast = field.type === "Int" ? "integer" : "bigint";
    return { kind: "oneOf", sql: [String(d), `${sqlString(String(d))}::${cast}`] };
  }
  return { kind: "any" };
}

function action(name: string): ReferentialAction {
  const map: Record<string, ReferentialAction> = {
    NoAction: "NO ACTION",
    Restrict: "RESTRICT",
    Cascade: "CASCADE",
    SetNull: "SET NULL",
    SetDefault: "SET DEFAULT",
  };
  return map[name] ?? unsupported(`referential action ${name}`);
}

/** `@relation(..., map: "name")` per "Model.field": the one naming detail the DMMF does not carry. */
export function relationMapNames(schemaText: string): Map<string, string> {
  const names = new Map<string, string>();
  const withoutComments = schemaText.replace(/\/\/.*$/gm, "");
  for (const block of withoutComments.matchAll(/^\s*model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const [, model, body] = block;
    for (const line of (body ?? "").split("\n")) {
      const field = /^\s*(\w+)\s/.exec(line)?.[1];
      const relation = /@relation\(([^)]*)\)/.exec(line)?.[1];
      const map = relation ? /\bmap\s*:\s*"([^"]+)"/.exec(relation)?.[1] : undefined;
      if (model && field && map) names.set(`${model}.${field}`, map);
    }
  }
  return names;
}

export function expectedSchemaFromPrisma({ datamodel, schemaText }: LoadedSchema): ExpectedSchema {
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName) ?? unsupported(`${m.name}.${fieldName} (unknown field)`);
    return f.dbName ?? f.name;
  };
  const fkNames = relationMapNames(schemaText);

  const expected: ExpectedSchema = { enums: {}, tables: {} };
  for (const e of datamodel.enums) {
    expected.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  }

  for (const model of datamodel.models) {
    if (model.schema) unsupported(`model ${model.name} in schema "${model.schema}" (multiSchema)`);
    const table = tableOf(model);
    const shape: TableShape<ExpectedDefault> = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    for (const field of model.fields) {
      if (field.kind === "unsupported") unsupported(`${model.name}.${field.name} (Unsupported type)`);
      if (field.kind === "object") continue;
      shape.columns[field.dbName ?? field.name] = {
        type: expectedColumnType(model, field, enumDbNames),
        // Prisma creates scalar lists as nullable arrays even though the field is "required".
        nullable: field.isList || !field.isRequired,
        default: expectedDefault(field, enumDbNames),
      };
    }

    for (const field of model.fields) {
      if (field.kind !== "object") continue;
      const from = field.relationFromFields ?? [];
      if (from.length === 0) {
        const target = models.get(field.type);
        const back = target?.fields.find((f) => f.relationName === field.relationName && f !== field);
        if (field.isList && back?.isList) unsupported(`implicit many-to-many relation ${field.relationName}`);
        continue; // the other side holds the foreign key
      }
      const target = models.get(field.type) ?? unsupported(`relation to unknown model ${field.type}`);
      const columns = from.map((f) => columnOf(model, f));
      const optional = from.some((f) => !model.fields.find((x) => x.name === f)?.isRequired);
      shape.foreignKeys[fkNames.get(`${model.name}.${field.name}`) ?? defaultForeignKeyName(table, columns)] = {
        columns,
        referencedTable: tableOf(target),
        referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
        // Prisma's defaults when the schema does not say.
        onDelete: action(field.relationOnDelete ?? (optional ? "SetNull" : "Restrict")),
        onUpdate: action(field.relationOnUpdate ?? "Cascade"),
      };
    }
    expected.tables[table] = shape;
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model) ?? unsupported(`index on unknown model ${index.model}`);
    const table = tableOf(model);
    const shape = expected.tables[table] ?? unsupported(`index on ${table}`);
    const plainColumns = index.fields.map((f) => columnOf(model, f.name));
    const columns = index.fields.map((f, i) => `${plainColumns[i]}${f.sortOrder === "desc" ? " DESC" : ""}`);
    if (index.type === "id") {
      shape.primaryKey = { name: index.dbName ?? defaultPrimaryKeyName(table), columns: plainColumns };
    } else if (index.type === "unique" || index.type === "normal") {
      const name = index.dbName ?? defaultIndexName(table, plainColumns, index.type === "unique" ? "key" : "idx");
      if (index.where !== undefined && index.where !== null) unsupported(`partial index ${name}`);
      shape.indexes[name] = {
        unique: index.type === "unique",
        columns,
        method: (index.algorithm ?? "BTree").toLowerCase(),
        predicate: null,
      };
    } else {
      unsupported(`${index.type} index on ${table}`);
    }
  }
  return expected;
}

// ---------------------------------------------------------------------------------------------
// Actual side: catalogs -> shape

const ACTIONS: Record<string, ReferentialAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** Tables the checker ignores: the migration ledger is Prisma's, not the app's. */
const IGNORED_TABLES = new Set(["_prisma_migrations"]);

/** Reads the current schema (normally public) of the database a URL or an open client points at. */
export async function readDatabaseSchema(db: string | pg.ClientBase): Promise<ActualSchema> {
  if (typeof db === "string") {
    const client = new pg.Client({ connectionString: db });
    client.on("error", () => {});
    await client.connect();
    try {
      return await readDatabaseSchema(client);
    } finally {
      await client.end().catch(() => {});
    }
  }

  const actual: ActualSchema = { enums: {}, tables: {} };

  const enums = await db.query<{ name: string; label: string }>(
    `SELECT t.typname AS name, e.enumlabel AS label
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = current_schema()
      ORDER BY t.typname, e.enumsortorder`,
  );
  for (const { name, label } of enums.rows) (actual.enums[name] ??= []).push(label);

  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  for (const { name } of tables.rows) {
    if (!IGNORED_TABLES.has(name)) actual.tables[name] = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
  }

  const columns = await db.query<{
    table: string;
    column: string;
    data_type: string;
    udt_name: string;
    formatted: string;
    nullable: boolean;
    default: string | null;
  }>(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type, c.udt_name,
            format_type(a.atttypid, a.atttypmod) AS formatted, c.is_nullable = 'YES' AS nullable,
            c.column_default AS "default"
       FROM information_schema.columns c
       JOIN pg_attribute a
         ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = current_schema()
      ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const col of columns.rows) {
    const table = actual.tables[col.table];
    if (!table) continue; // a view, or an ignored table
    table.columns[col.column] = {
      type: col.data_type === "USER-DEFINED" ? `USER-DEFINED ${col.udt_name}` : col.formatted,
      nullable: col.nullable,
      default: col.default,
    };
  }

  const indexes = await db.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    method: string;
    columns: string[];
    predicate: string | null;
  }>(
    `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
            am.amname AS method, pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
            ARRAY(
              SELECT COALESCE(a.attname::text, pg_get_indexdef(ix.indexrelid, k.ord::int, true))
                     || CASE WHEN (ix.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END
                FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum > 0
               WHERE k.ord <= ix.indnkeyatts
               ORDER BY k.ord
            )::text[] AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = current_schema()`,
  );
  for (const ix of indexes.rows) {
    const table = actual.tables[ix.table];
    if (!table) continue;
    if (ix.primary) {
      table.primaryKey = { name: ix.name, columns: ix.columns };
    } else {
      table.indexes[ix.name] = { unique: ix.unique, columns: ix.columns, method: ix.method, predicate: ix.predicate };
    }
  }

  const fks = await db.query<{
    table: string;
    name: string;
    referenced_table: string;
    columns: string[];
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT t.relname AS "table", con.conname AS name, rt.relname AS referenced_table,
            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
            ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS referenced_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class rt ON rt.oid = con.confrelid
      WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  for (const fk of fks.rows) {
    const table = actual.tables[fk.table];
    if (!table) continue;
    table.foreignKeys[fk.name] = {
      columns: fk.columns,
      referencedTable: fk.referenced_table,
      referencedColumns: fk.referenced_columns,
      onDelete: ACTIONS[fk.on_delete] ?? "NO ACTION",
      onUpdate: ACTIONS[fk.on_update] ?? "NO ACTION",
    };
  }
  return actual;
}

// ---------------------------------------------------------------------------------------------
// Comparison

function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, "").toLowerCase();
}

function defaultMatches(expected: ExpectedDefault, actual: string | null): boolean {
  switch (expected.kind) {
    case "none":
      return actual === null;
    case "any":
      return actual !== null;
    case "prefix":
      return actual !== null && normaliseSql(actual).startsWith(normaliseSql(expected.sql));
    case "oneOf":
      return actual !== null && expected.sql.some((s) => normaliseSql(s) === normaliseSql(actual));
  }
}

function describeDefault(expected: ExpectedDefault): string {
  switch (expected.kind) {
    case "none":
      return "no default";
    case "any":
      return "a default";
    case "prefix":
      return `a default starting ${expected.sql}`;
    case "oneOf":
      return expected.sql.join(" or ");
  }
}

const list = (xs: string[]) => `(${xs.join(", ")})`;

function describeIndex(ix: IndexShape): string {
  const pred = ix.predicate ? ` WHERE ${ix.predicate}` : "";
  return `${ix.unique ? "UNIQUE " : ""}${ix.method} ${list(ix.columns)}${pred}`;
}

function describeFk(fk: ForeignKeyShape): string {
  return `${list(fk.columns)} -> ${fk.referencedTable}${list(fk.referencedColumns)} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Every difference between the schema and the database, one readable line each; empty when they match.
 * "schema" means prisma/schema.prisma (or whichever schema the expectation was built from).
 */
export function compareSchemas(expected: ExpectedSchema, actual: ActualSchema): string[] {
  const diffs: string[] = [];

  for (const [name, labels] of Object.entries(expected.enums)) {
    const found = actual.enums[name];
    if (!found) diffs.push(`enum ${name}: missing from the database (schema has ${list(labels)})`);
    else if (!same(found, labels)) diffs.push(`enum ${name}: database has labels ${list(found)}, schema has ${list(labels)}`);
  }
  for (const name of Object.keys(actual.enums)) {
    if (!(name in expected.enums)) diffs.push(`enum ${name}: in the database but not in the schema`);
  }

  for (const [tableName, want] of Object.entries(expected.tables)) {
    const have = actual.tables[tableName];
    if (!have) {
      diffs.push(`table ${tableName}: missing from the database`);
      continue;
    }
    for (const [col, wantCol] of Object.entries(want.columns)) {
      const haveCol = have.columns[col];
      const at = `column ${tableName}.${col}`;
      if (!haveCol) {
        diffs.push(`${at}: missing from the database (schema has ${wantCol.type})`);
        continue;
      }
      if (haveCol.type !== wantCol.type) diffs.push(`${at}: database type is ${haveCol.type}, schema expects ${wantCol.type}`);
      if (haveCol.nullable !== wantCol.nullable) {
        const word = (nullable: boolean) => (nullable ? "nullable" : "NOT NULL");
        diffs.push(`${at}: database column is ${word(haveCol.nullable)}, schema expects ${word(wantCol.nullable)}`);
      }
      if (!defaultMatches(wantCol.default, haveCol.default)) {
        diffs.push(
          `${at}: database default is ${haveCol.default ?? "none"}, schema expects ${describeDefault(wantCol.default)}`,
        );
      }
    }
    for (const col of Object.keys(have.columns)) {
      if (!(col in want.columns)) {
        diffs.push(`column ${tableName}.${col}: in the database (${have.columns[col]?.type}) but not in the schema`);
      }
    }

    if (!same(want.primaryKey, have.primaryKey)) {
      const pk = (k: TableShape<unknown>["primaryKey"]) => (k ? `${k.name} ${list(k.columns)}` : "none");
      diffs.push(`table ${tableName}: database primary key is ${pk(have.primaryKey)}, schema expects ${pk(want.primaryKey)}`);
    }

    for (const [name, ix] of Object.entries(want.indexes)) {
      const found = have.indexes[name];
      if (!found) diffs.push(`index ${name} on ${tableName}: missing from the database (schema has ${describeIndex(ix)})`);
      else if (!same(found, ix)) {
        diffs.push(`index ${name} on ${tableName}: database has ${describeIndex(found)}, schema expects ${describeIndex(ix)}`);
      }
    }
    for (const [name, ix] of Object.entries(have.indexes)) {
      if (!(name in want.indexes)) {
        diffs.push(`index ${name} on ${tableName}: in the database (${describeIndex(ix)}) but not in the schema`);
      }
    }

    for (const [name, fk] of Object.entries(want.foreignKeys)) {
      const found = have.foreignKeys[name];
      if (!found) diffs.push(`foreign key ${name} on ${tableName}: missing from the database (schema has ${describeFk(fk)})`);
      else if (!same(found, fk)) {
        diffs.push(`foreign key ${name} on ${tableName}: database has ${describeFk(found)}, schema expects ${describeFk(fk)}`);
      }
    }
    for (const [name, fk] of Object.entries(have.foreignKeys)) {
      if (!(name in want.foreignKeys)) {
        diffs.push(`foreign key ${name} on ${tableName}: in the database (${describeFk(fk)}) but not in the schema`);
      }
    }
  }
  for (const tableName of Object.keys(actual.tables)) {
    if (!(tableName in expected.tables)) diffs.push(`table ${tableName}: in the database but not in the schema`);
  }
  return diffs;
}

/** Loads the schema through Prisma, reads the database, and lists every difference. */
export async function diffDatabaseAgainstSchema(
  db: string | pg.ClientBase,
  opts: { schemaPath?: string } = {},
): Promise<string[]> {
  const expected = expectedSchemaFromPrisma(await loadPrismaSchema(opts.schemaPath));
  return compareSchemas(expected, await readDatabaseSchema(db));
}
