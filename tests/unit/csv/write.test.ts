import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "@/lib/csv/write";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])("defuses a formula: %j → %j", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it("leaves ordinary text and numbers alone, and writes numbers as numbers", () => {
    expect(csvCell("Maple Ward")).toBe("Maple Ward");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(0.75)).toBe("0.75");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("quotes commas, quotes, line breaks and edge spaces", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
  });

  it("refuses a number a spreadsheet could not read back", () => {
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("csvLine", () => {
  it("joins cells with commas and ends the line with CRLF", () => {
    expect(csvLine(["a", 1, null, "=x"])).toBe("a,1,,'=x\r\n");
  });
});
