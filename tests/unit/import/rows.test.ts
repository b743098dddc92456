import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/lib/csv/parse";
import { MAX_LINE_COUNT, TEMPLATE_CSV, readHeader, rowReader, isBlankRecord, type ImportHeader } from "@/lib/import/rows";

const TODAY = "2026-03-15";

function header(line = "ward_code,date,respondent,felt_safe,able_to_speak_up,count"): ImportHeader {
  const read = readHeader(line.split(","));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.header;
}

const read = (fields: string[], h = header()) => rowReader(h, TODAY)(fields, 7);

describe("readHeader", () => {
  it("accepts the columns in any order and case, with count and source optional", () => {
    const h = header(" Felt_Safe ,DATE,ward_code,Able_To_Speak_Up,respondent");
    expect(h.width).toBe(5);
    expect(h.index).toMatchObject({ felt_safe: 0, date: 1, ward_code: 2, able_to_speak_up: 3, respondent: 4 });
    expect(h.index.count).toBeUndefined();
    expect(header("source,count,ward_code,date,respondent,felt_safe,able_to_speak_up").index).toMatchObject({ source: 0, count: 1 });
  });

  it("refuses unknown, repeated, unnamed and missing columns, naming each", () => {
    const result = readHeader(["ward_code", "date", "Date", "respondent", "email", "", "felt_safe"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 1, column: "date", message: "the column date appears twice in the header line" },
      { line: 1, column: "email", message: expect.stringMatching(/^unknown column "email": the columns are ward_code, date, /) },
      { line: 1, column: "", message: "column 6 has no name in the header line" },
      { line: 1, column: "able_to_speak_up", message: "the header line has no able_to_speak_up column" },
    ]);
  });

  it("the downloadable template is itself a valid file", () => {
    const { records, problems } = parseCsvText(TEMPLATE_CSV);
    expect(problems).toEqual([]);
    const h = readHeader(records[0]!.fields);
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    const check = rowReader(h.header, TODAY);
    for (const r of records.slice(1)) expect(check(r.fields, r.line).ok).toBe(true);
  });
});

describe("rowReader", () => {
  it("maps a good line onto the survey's answer shape", () => {
    expect(read(["abcd234567", "2025-03-03", "Service_User", "YES", "", "4"])).toEqual({
      ok: true,
      row: { ward: "ABCD234567", submittedOn: "2025-03-03", respondent: "service_user", feltSafe: true, ableToSpeakUp: null, count: 4, source: "paper" },
    });
    expect(read(["W1", "2025-03-03", "staff", "no", "no", "1"])).toMatchObject({ ok: true, row: { feltSafe: false, ableToSpeakUp: false } });
  });

  it("counts 1 when the count column is left out, and reads source when given", () => {
    const h = header("ward_code,date,respondent,felt_safe,able_to_speak_up,source");
    expect(read(["W1", "2025-03-03", "staff", "yes", "yes", "online"], h)).toMatchObject({ ok: true, row: { count: 1, source: "online" } });
  });

  it.each([
    ["a date that does not exist", ["W1", "2026-02-30", "staff", "yes", "", "1"], "date", /real calendar date.*found "2026-02-30"/],
    ["a date in another format", ["W1", "03/03/2025", "staff", "yes", "", "1"], "date", /YYYY-MM-DD/],
    ["a date in the future", ["W1", "2026-03-16", "staff", "yes", "", "1"], "date", /in the future \(today is 2026-03-15\)/],
    ["an unknown respondent", ["W1", "2025-03-03", "visitor", "yes", "", "1"], "respondent", /service_user or staff \(found "visitor"\)/],
    ["felt_safe left empty", ["W1", "2025-03-03", "staff", "", "", "1"], "felt_safe", /yes or no \(it is empty\)/],
    ["felt_safe as true", ["W1", "2025-03-03", "staff", "true", "", "1"], "felt_safe", /yes or no/],
    ["able_to_speak_up as maybe", ["W1", "2025-03-03", "staff", "yes", "maybe", "1"], "able_to_speak_up", /yes, no or empty/],
    ["a negative count", ["W1", "2025-03-03", "staff", "yes", "", "-3"], "count", /whole number from 1 to/],
    ["a fractional count", ["W1", "2025-03-03", "staff", "yes", "", "1.5"], "count", /whole number/],
    ["a zero count", ["W1", "2025-03-03", "staff", "yes", "", "0"], "count", /whole number from 1/],
    ["a count that is not a number", ["W1", "2025-03-03", "staff", "yes", "", "lots"], "count", /found "lots"/],
    ["an empty count", ["W1", "2025-03-03", "staff", "yes", "", ""], "count", /it is empty/],
    ["a huge count", ["W1", "2025-03-03", "staff", "yes", "", String(MAX_LINE_COUNT + 1)], "count", /whole number from 1 to 10000/],
    ["an empty ward code", ["", "2025-03-03", "staff", "yes", "", "1"], "ward_code", /ward's survey code/],
    ["an over-long ward code", ["W".repeat(40), "2025-03-03", "staff", "yes", "", "1"], "ward_code", /at most 32/],
  ])("refuses %s, naming the column", (_what, fields, column, message) => {
    const result = read(fields);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 7, column });
    expect(result.problems[0]!.message).toMatch(message);
  });

  it("reports every bad column of a line", () => {
    const result = read(["W1", "2025-13-01", "nurse", "y", "x", "-1"]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.column)).toEqual(["date", "respondent", "felt_safe", "able_to_speak_up", "count"]);
  });

  it("refuses a line with the wrong number of fields", () => {
    expect(read(["W1", "2025-03-03", "staff", "yes", ""])).toEqual({
      ok: false,
      problems: [{ line: 7, column: null, message: "expected 6 fields, as in the header line, but found 5" }],
    });
  });

  it("gives the same answer for a value it has seen before (the memory changes nothing)", () => {
    const check = rowReader(header(), TODAY);
    const bad = ["W1", "2026-02-30", "staff", "yes", "", "1"];
    const first = check(bad, 2);
    const again = check(bad, 3);
    expect(first).toMatchObject({ ok: false, problems: [{ line: 2, column: "date" }] });
    expect(again).toMatchObject({ ok: false, problems: [{ line: 3, column: "date" }] });
    if (!first.ok && !again.ok) expect(again.problems[0]!.message).toBe(first.problems[0]!.message);
    const good = ["W1", "2025-01-01", "staff", "yes", "", "2"];
    expect(check(good, 4)).toEqual(check(good, 5));
  });

  it("treats only a line with nothing on it as blank", () => {
    expect(isBlankRecord([""])).toBe(true);
    expect(isBlankRecord(["", ""])).toBe(false);
    expect(isBlankRecord(["x"])).toBe(false);
  });
});
