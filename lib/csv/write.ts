/**
 * Writing CSV that is safe to open in a spreadsheet.
 *
 * Formula injection: a cell whose text starts with = + - @ (or a tab or carriage return, which some
 * spreadsheets skip before reading one of those) is run as a formula by Excel, LibreOffice and Google
 * Sheets, and a formula can fetch URLs or run commands. Every text cell that starts with one of them
 * gets a leading apostrophe, which spreadsheets show as plain text (OWASP's advice). Numbers are
 * written as numbers: only text can carry a formula.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} to a CSV cell`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended with CRLF as RFC 4180 asks. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
