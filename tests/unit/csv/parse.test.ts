import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser, parseCsvText, type CsvProblem } from "@/lib/csv/parse";
import { csvLine } from "@/lib/csv/write";

const fieldsOf = (text: string) => parseCsvText(text).records.map((r) => r.fields);

/** Feeds the text in the given pieces, as a stream would. */
function parseInPieces(pieces: string[]) {
  const records: { fields: string[]; line: number }[] = [];
  const problems: CsvProblem[] = [];
  const parser = new CsvParser({ record: (fields, line) => records.push({ fields, line }), problem: (p) => problems.push(p) });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return { records, problems };
}

describe("CsvParser: what it accepts", () => {
  it("reads LF and CRLF line ends alike, with or without a final line end", () => {
    expect(fieldsOf("a,b\nc,d\n")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fieldsOf("a,b\r\nc,d\r\n")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fieldsOf("a,b\r\nc,d")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fieldsOf("a,b\nc,d\r\n")).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("drops a UTF-8 byte order mark at the start, and only there", () => {
    expect(fieldsOf("\uFEFFward_code,date\nx,y")).toEqual([["ward_code", "date"], ["x", "y"]]);
    expect(fieldsOf("a\n\uFEFFb")).toEqual([["a"], ["\uFEFFb"]]);
  });

  it("reads quoted fields: commas, doubled quotes and line breaks inside quotes", () => {
    expect(fieldsOf('"a,b","say ""hi""","line1\nline2","cr\r\nlf"\n')).toEqual([["a,b", 'say "hi"', "line1\nline2", "cr\r\nlf"]]);
    expect(fieldsOf('"",x,""\n')).toEqual([["", "x", ""]]);
    expect(fieldsOf('""""\n')).toEqual([['"']]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(fieldsOf("a,,c,\n,\n")).toEqual([["a", "", "c", ""], ["", ""]]);
  });

  it("reports a blank line as one empty field, so the caller can skip it", () => {
    expect(fieldsOf("a\n\nb\n")).toEqual([["a"], [""], ["b"]]);
  });

  it("gives each record the physical line it starts on, counting line breaks inside quotes", () => {
    const { records } = parseCsvText('h\n"two\nlines"\nnext\r\n"x"\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it("gives the same records whatever the chunk boundaries (CR|LF, quote|quote, BOM)", () => {
    const text = '\uFEFFa,"b ""q""",c\r\n"multi\r\nline",,z\r\nlast,"x",y';
    const whole = parseCsvText(text);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parseInPieces([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parseInPieces(text.split(""))).toEqual(whole);
  });

  it("reads back exactly what csvLine writes (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é", "=") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
        // csvLine guards against formula injection, so cells starting with = come back with a leading '.
        const expected = rows.map((cells) => cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        const text = rows.map((cells) => csvLine(cells)).join("");
        const pieces: string[] = [];
        for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
        const { records, problems } = parseInPieces(pieces);
        expect(problems).toEqual([]);
        expect(records.map((r) => r.fields)).toEqual(expected);
      }),
    );
  });
});

describe("CsvParser: what it refuses, with line, column and reason", () => {
  it("an unclosed quote: reported on the line where the field starts, at the end of input", () => {
    const { records, problems } = parseCsvText('h1,h2\nok,1\nbad,"never closed\nmore,2\n');
    expect(records.map((r) => r.fields)).toEqual([["h1", "h2"], ["ok", "1"]]);
    expect(problems).toEqual([{ line: 3, column: 2, message: expect.stringMatching(/starts on line 3 is never closed/) }]);
  });

  it("a quote inside an unquoted field; the rest of the file is still read", () => {
    const { records, problems } = parseCsvText('a,b\nx,ab"c\ny,z\n');
    expect(records.map((r) => r.fields)).toEqual([["a", "b"], ["y", "z"]]);
    expect(problems).toEqual([{ line: 2, column: 2, message: expect.stringMatching(/quote .* inside a field/) }]);
  });

  it("text after a closing quote", () => {
    const { records, problems } = parseCsvText('"ab"c,d\ne,f\n');
    expect(records.map((r) => r.fields)).toEqual([["e", "f"]]);
    expect(problems).toEqual([{ line: 1, column: 1, message: expect.stringMatching(/after a closing quote/) }]);
  });

  it("a carriage return that is not part of CRLF", () => {
    const { records, problems } = parseCsvText("a,b\rc,d\ne,f\n");
    expect(records.map((r) => r.fields)).toEqual([["e", "f"]]);
    expect(problems).toEqual([{ line: 1, column: null, message: expect.stringMatching(/carriage return/) }]);
  });

  it("reports every bad line, not just the first", () => {
    const { records, problems } = parseCsvText('a\nx"1\nok\ny"2\n"z"w\nok2\n');
    expect(records.map((r) => r.fields)).toEqual([["a"], ["ok"], ["ok2"]]);
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5]);
  });

  it("a NUL character (binary data): one problem, then the rest is ignored", () => {
    const { records, problems } = parseCsvText("a,b\nc,d\n\u0000\u0001\u0002garbage\n\u0000more\nok,ok\n");
    expect(records.map((r) => r.fields)).toEqual([["a", "b"], ["c", "d"]]);
    expect(problems).toEqual([{ line: 3, column: null, message: expect.stringMatching(/binary data/) }]);
  });

  it("an over-long field, without holding an unclosed quote's whole remainder in memory", () => {
    const long = "x".repeat(50);
    expect(parseCsvText(`a,${long}\nb,c\n`, { maxFieldLength: 20 }).problems).toEqual([
      { line: 1, column: 2, message: expect.stringMatching(/longer than 20 characters/) },
    ]);
    // A closed but over-long quoted field: reported, and the lines after it are still read.
    const closed = parseCsvText(`"${long}\n${long}",1\nb,c\n`, { maxFieldLength: 20 });
    expect(closed.records.map((r) => r.fields)).toEqual([["b", "c"]]);
    expect(closed.problems).toEqual([{ line: 1, column: 1, message: expect.stringMatching(/longer than 20/) }]);
    expect(closed.records[0]?.line).toBe(3);
    // An unclosed one: reported once, as unclosed.
    const open = parseCsvText(`h\n"${long}\n${long}\n${long}\n`, { maxFieldLength: 20 });
    expect(open.problems).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/never closed/) }]);
  });

  it("too many fields on one line", () => {
    const { records, problems } = parseCsvText(`${"a,".repeat(10)}a\nb\n`, { maxFields: 5 });
    expect(records.map((r) => r.fields)).toEqual([["b"]]);
    expect(problems).toEqual([{ line: 1, column: null, message: "more than 5 fields on one line" }]);
  });

  it("an empty input has no records and no problems (the caller decides that an empty file is wrong)", () => {
    expect(parseCsvText("")).toEqual({ records: [], problems: [] });
  });
});
