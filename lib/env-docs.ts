// Where the README keeps its configuration table: between two markers, so the table can be
// rewritten from lib/env.ts and checked against it.
export const ENV_TABLE_START = "<!-- env-table:start -->";
export const ENV_TABLE_END = "<!-- env-table:end -->";

export function envTableIn(readme: string): string {
  const start = readme.indexOf(ENV_TABLE_START);
  const end = readme.indexOf(ENV_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${ENV_TABLE_START} … ${ENV_TABLE_END} section`);
  return readme.slice(start + ENV_TABLE_START.length, end).trim();
}

export function replaceEnvTable(readme: string, table: string): string {
  const start = readme.indexOf(ENV_TABLE_START);
  const end = readme.indexOf(ENV_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${ENV_TABLE_START} … ${ENV_TABLE_END} section`);
  return `${readme.slice(0, start + ENV_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
