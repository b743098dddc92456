/**
 * A streaming CSV parser (RFC 4180): text goes in chunk by chunk, records come out one by one through
 * a callback, so a file of a million lines never sits in memory as a million objects.
 *
 * Accepted: a UTF-8 byte order mark, LF or CRLF line ends, quoted fields (with "" for a quote inside,
 * and commas and line breaks inside quotes). Refused, with the line and column: a quote inside an
 * unquoted field, text after a closing quote, a carriage return that is not part of CRLF, a quoted
 * field that is never closed, a NUL character (binary data), and fields or records beyond the limits.
 *
 * A bad record is reported and skipped to the end of its line, so that every bad line of a file is
 * reported, not just the first. After a NUL character the rest of the input is ignored: a binary file
 * would otherwise produce a screenful of meaningless problems.
 */

export type CsvProblem = {
  /** Physical line (1-based) on which the bad record starts. */
  line: number;
  /** 1-based position of the field within the record, when the problem is in one field. */
  column: number | null;
  message: string;
};

export type CsvHandlers = {
  /** One record: its fields and the physical line on which it starts. The array is the caller's to keep. */
  record: (fields: string[], line: number) => void;
  problem: (problem: CsvProblem) => void;
};

export type CsvLimits = {
  /** Longest field, in characters. Also bounds the memory an unclosed quote can take. */
  maxFieldLength: number;
  /** Most fields in one record. */
  maxFields: number;
};

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxFieldLength: 10_000, maxFields: 100 };

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const NUL = 0;
const BOM = 0xfeff;

const enum State {
  /** At the start of a field: after a comma or a line end, or at the very start. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just read a quote inside a quoted field: the first half of "" or the closing quote. */
  QuoteInQuoted,
  /** Just read a CR outside quotes: only LF may follow. */
  AfterCr,
  /** The record is bad and reported: skip to the end of the line, ignoring quotes. */
  Skip,
  /** Inside an over-long quoted field: skip to its closing quote, then to the end of the line. */
  SkipQuoted,
  /** A quote inside an over-long quoted field: "" (still inside) or the closing quote. */
  SkipQuoteInQuoted,
  /** Binary data was found, or the input ended: ignore everything else. */
  Stopped,
}

const NEVER_CLOSED = (line: number) => `a quoted field that starts on line ${line} is never closed (a closing quote is missing)`;

export class CsvParser {
  private readonly handlers: CsvHandlers;
  private readonly limits: CsvLimits;
  private state: State = State.FieldStart;
  /** The current field's text gathered so far (from earlier chunks, or before a "" escape). */
  private field = "";
  private fields: string[] = [];
  /** The physical line of the character being read. */
  private line = 1;
  private recordLine = 1;
  /** Something of the current record has been read, so input without a final line end still ends it. */
  private inRecord = false;
  private seenFirstChunk = false;
  private quoteLine = 1;
  private quoteColumn = 1;

  constructor(handlers: CsvHandlers, limits: Partial<CsvLimits> = {}) {
    this.handlers = handlers;
    this.limits = { ...DEFAULT_CSV_LIMITS, ...limits };
  }

  /** The physical line the parser has reached (for problems found outside it, such as bad UTF-8). */
  get currentLine(): number {
    return this.line;
  }

  /** True once binary data was found or end() was called: further input is ignored. */
  get stopped(): boolean {
    return this.state === State.Stopped;
  }

  push(chunk: string): void {
    if (this.state === State.Stopped) return;
    let i = 0;
    if (!this.seenFirstChunk && chunk.length > 0) {
      this.seenFirstChunk = true;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }
    const n = chunk.length;
    // Where the not-yet-collected text of the current field starts within this chunk.
    let mark = i;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NUL) {
        this.handlers.problem({
          line: this.line,
          column: null,
          message: "the file contains a NUL character: it looks like binary data, not a CSV text file",
        });
        this.state = State.Stopped;
        return;
      }
      switch (this.state) {
        case State.FieldStart:
          this.inRecord = true;
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quoteColumn = this.fields.length + 1;
            mark = i + 1;
          } else if (c === COMMA) {
            this.endField("");
          } else if (c === LF) {
            this.endField("");
            this.endLine();
          } else if (c === CR) {
            if (this.endField("")) this.state = State.AfterCr;
          } else {
            this.state = State.Unquoted;
            mark = i;
          }
          break;

        case State.Unquoted:
          if (c === COMMA) {
            this.endField(this.collect(chunk, mark, i));
          } else if (c === LF) {
            this.endField(this.collect(chunk, mark, i));
            this.endLine();
          } else if (c === CR) {
            if (this.endField(this.collect(chunk, mark, i))) this.state = State.AfterCr;
          } else if (c === QUOTE) {
            this.fail('a quote (") inside a field that does not start with one: put the whole field in quotes and double the quote ("")', this.fields.length + 1);
          } else if (this.field.length + (i - mark) >= this.limits.maxFieldLength) {
            this.fail(`a field longer than ${this.limits.maxFieldLength} characters`, this.fields.length + 1);
          }
          break;

        case State.Quoted:
          if (c === QUOTE) {
            this.field += chunk.slice(mark, i);
            this.state = State.QuoteInQuoted;
          } else {
            if (c === LF) this.line++;
            if (this.field.length + (i - mark) >= this.limits.maxFieldLength) {
              // Keep looking for the closing quote, so the lines after it are still checked, but stop
              // collecting: an unclosed quote must not pull the rest of the file into memory.
              this.field = "";
              this.state = State.SkipQuoted;
            }
          }
          break;

        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // "" is one literal quote: the second one starts the next stretch of text.
            this.state = State.Quoted;
            mark = i;
          } else if (c === COMMA) {
            this.endField(this.collect(chunk, i, i));
          } else if (c === LF) {
            this.endField(this.collect(chunk, i, i));
            this.endLine();
          } else if (c === CR) {
            if (this.endField(this.collect(chunk, i, i))) this.state = State.AfterCr;
          } else {
            this.fail('text after a closing quote: a quote inside a quoted field must be doubled ("")', this.fields.length + 1);
          }
          break;

        case State.AfterCr:
          if (c === LF) {
            this.endLine();
          } else {
            this.fail("a carriage return (CR) that is not followed by a line feed: save the file with LF or CRLF line ends", null);
            i--; // the character after the CR belongs to the skipped line: read it again in Skip
          }
          break;

        case State.Skip:
          if (c === LF) this.endSkippedLine();
          break;

        case State.SkipQuoted:
          if (c === QUOTE) this.state = State.SkipQuoteInQuoted;
          else if (c === LF) this.line++;
          break;

        case State.SkipQuoteInQuoted:
          if (c === QUOTE) {
            this.state = State.SkipQuoted;
          } else {
            this.handlers.problem({
              line: this.recordLine,
              column: this.quoteColumn,
              message: `a field longer than ${this.limits.maxFieldLength} characters`,
            });
            this.state = State.Skip;
            i--; // this character may be the line end
          }
          break;
      }
      if (this.state === State.FieldStart) mark = i + 1;
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += chunk.slice(mark, n);
  }

  /** Ends the input: a last record without a line end is still a record; an open quote is a problem. */
  end(): void {
    switch (this.state) {
      case State.Quoted:
      case State.SkipQuoted:
        this.handlers.problem({ line: this.recordLine, column: this.quoteColumn, message: NEVER_CLOSED(this.quoteLine) });
        break;
      case State.SkipQuoteInQuoted:
        this.handlers.problem({
          line: this.recordLine,
          column: this.quoteColumn,
          message: `a field longer than ${this.limits.maxFieldLength} characters`,
        });
        break;
      case State.Unquoted:
      case State.QuoteInQuoted:
        if (this.endField(this.takeField())) this.emitRecord();
        break;
      case State.AfterCr:
        this.emitRecord();
        break;
      case State.FieldStart:
        if (this.inRecord && this.endField("")) this.emitRecord();
        break;
      case State.Skip:
      case State.Stopped:
        break;
    }
    this.state = State.Stopped;
  }

  /** The current field: what was gathered before plus chunk[from, to). */
  private collect(chunk: string, from: number, to: number): string {
    if (this.field === "") return chunk.slice(from, to);
    const value = this.field + chunk.slice(from, to);
    this.field = "";
    return value;
  }

  private takeField(): string {
    const value = this.field;
    this.field = "";
    return value;
  }

  /** Ends a field; the next character starts a new one. False when the record turned out bad (too many fields). */
  private endField(value: string): boolean {
    if (this.fields.length >= this.limits.maxFields) {
      this.fail(`more than ${this.limits.maxFields} fields on one line`, null);
      return false;
    }
    this.fields.push(value);
    this.state = State.FieldStart;
    return true;
  }

  /** A line end outside quotes: the record is complete (unless endField found it bad). */
  private endLine(): void {
    if (this.state === State.Skip) {
      this.endSkippedLine();
      return;
    }
    this.emitRecord();
    this.line++;
    this.recordLine = this.line;
    this.state = State.FieldStart;
  }

  private emitRecord(): void {
    const fields = this.fields;
    const line = this.recordLine;
    this.fields = [];
    this.inRecord = false;
    this.handlers.record(fields, line);
  }

  private fail(message: string, column: number | null): void {
    this.handlers.problem({ line: this.recordLine, column, message });
    this.field = "";
    this.state = State.Skip;
  }

  private endSkippedLine(): void {
    this.line++;
    this.recordLine = this.line;
    this.fields = [];
    this.field = "";
    this.inRecord = false;
    this.state = State.FieldStart;
  }
}

/** Parses a whole string at once (tests, small inputs). */
export function parseCsvText(text: string, limits?: Partial<CsvLimits>): { records: { fields: string[]; line: number }[]; problems: CsvProblem[] } {
  const records: { fields: string[]; line: number }[] = [];
  const problems: CsvProblem[] = [];
  const parser = new CsvParser({ record: (fields, line) => records.push({ fields, line }), problem: (p) => problems.push(p) }, limits);
  parser.push(text);
  parser.end();
  return { records, problems };
}
