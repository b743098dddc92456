import { describe, expect, it } from "vitest";
import { DatabaseWatch, isDatabaseUnavailable } from "@/lib/db/availability";

// Which errors mean "the database cannot be reached just now" (503, try again) rather than a bug
// (which must not be hidden as a 503), and that the log says so once per outage.

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable server, a restart and a lost connection, however Prisma wraps them", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable({ code: "P1001", message: "Can't reach database server" })).toBe(true);
    expect(isDatabaseUnavailable({ name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } })).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } })).toBe(true);
    expect(isDatabaseUnavailable(new Error("the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error("x"), { code: "ECONNRESET" })]))).toBe(true);
  });

  it("does not hide real errors: constraint violations, bad SQL, programming mistakes", () => {
    expect(isDatabaseUnavailable({ code: "P2002", meta: { target: ["submission_key"] } })).toBe(false);
    expect(isDatabaseUnavailable({ kind: "postgres", code: "42P01", message: 'relation "x" does not exist' })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("DatabaseWatch", () => {
  it("logs once when the database goes and once when it comes back, however many requests fail", () => {
    const lines: string[] = [];
    const watch = new DatabaseWatch((line) => lines.push(line));
    watch.sawSuccess();
    const down = { code: "ECONNREFUSED" };
    expect([watch.sawFailure(down), watch.sawFailure(down), watch.sawFailure(down)]).toEqual([true, true, true]);
    watch.sawSuccess();
    watch.sawSuccess();
    expect(lines).toEqual(["wardsafe: the database is unreachable; answering 503 until it is back", "wardsafe: the database is reachable again"]);
  });

  it("passes other errors on without logging or counting them as an outage", () => {
    const lines: string[] = [];
    const watch = new DatabaseWatch((line) => lines.push(line));
    expect(watch.sawFailure(new TypeError("bug"))).toBe(false);
    watch.sawSuccess();
    expect(lines).toEqual([]);
  });
});
