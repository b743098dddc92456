import { z } from "zod";
import { describe, expect, it } from "vitest";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

// How the domain's errors become API answers, including the one that is nobody's fault: the
// database being briefly unreachable is a 503 the caller may retry, never a 500.

describe("errorResponse", () => {
  it("maps the domain's refusals to 404, 403 and 400 naming the fields", async () => {
    expect(errorResponse(new NotFoundError()).status).toBe(404);
    expect(errorResponse(new ForbiddenError("no")).status).toBe(403);
    const bad = errorResponse(new BadRequestError("Bad", { day: "Choose a day" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Bad", fields: { day: "Choose a day" } });
    const parsed = z.object({ day: z.iso.date() }).safeParse({ day: "x" });
    expect(errorResponse(parsed.error).status).toBe(400);
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const res = errorResponse(Object.assign(new Error("wrapped"), { cause: refused }));
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ error: "unavailable" });
  });

  it("throws anything else on, so a bug is not dressed up as a refusal", () => {
    expect(() => errorResponse(new TypeError("bug"))).toThrow("bug");
  });
});
