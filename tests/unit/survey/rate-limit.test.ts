import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore, SurveyRateLimiter, checkTabletDay, rateLimitConfigFromEnv } from "@/lib/survey/rate-limit";
import { clientAddressOf } from "@/lib/http/client-address";
import { CLIENT_ADDRESS_HEADER, clientFromChain, openFrontDoor } from "@/lib/http/front-door.mjs";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("SurveyRateLimiter", () => {
  it("allows the limit within a window, then refuses with the seconds left", async () => {
    const time = clock();
    const limiter = new SurveyRateLimiter(new MemoryRateLimitStore(time.now), { limit: 3, windowSeconds: 60 }, time.now);
    for (let i = 0; i < 3; i++) expect(await limiter.check("10.0.0.1", "WARD")).toEqual({ allowed: true });
    time.advance(20_000);
    expect(await limiter.check("10.0.0.1", "WARD")).toEqual({ allowed: false, retryAfterSeconds: 40 });
    time.advance(40_000);
    expect(await limiter.check("10.0.0.1", "WARD")).toEqual({ allowed: true });
  });

  it("counts each client and each ward separately", async () => {
    const time = clock();
    const limiter = new SurveyRateLimiter(new MemoryRateLimitStore(time.now), { limit: 1, windowSeconds: 60 }, time.now);
    expect((await limiter.check("10.0.0.1", "A")).allowed).toBe(true);
    expect((await limiter.check("10.0.0.1", "A")).allowed).toBe(false);
    expect((await limiter.check("10.0.0.2", "A")).allowed).toBe(true);
    expect((await limiter.check("10.0.0.1", "B")).allowed).toBe(true);
  });

  it("keys counters by a salted hash that contains no part of the address, different per process", () => {
    const a = new SurveyRateLimiter(new MemoryRateLimitStore(), { limit: 1, windowSeconds: 60 });
    const b = new SurveyRateLimiter(new MemoryRateLimitStore(), { limit: 1, windowSeconds: 60 });
    const key = a.keyFor("192.168.1.23", "WARD");
    expect(key).not.toContain("192");
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.keyFor("192.168.1.23", "WARD")).toBe(key);
    expect(b.keyFor("192.168.1.23", "WARD")).not.toBe(key);
  });

  it("rotates the salt after a day", () => {
    const time = clock();
    const limiter = new SurveyRateLimiter(new MemoryRateLimitStore(time.now), { limit: 1, windowSeconds: 60 }, time.now);
    const before = limiter.keyFor("10.0.0.1", "W");
    time.advance(86_400_001);
    expect(limiter.keyFor("10.0.0.1", "W")).not.toBe(before);
  });

  it("forgets expired windows so memory does not grow with every client ever seen", async () => {
    const time = clock();
    const store = new MemoryRateLimitStore(time.now);
    const limiter = new SurveyRateLimiter(store, { limit: 5, windowSeconds: 10 }, time.now);
    time.advance(61_000);
    for (let i = 0; i < 100; i++) await limiter.check(`10.0.0.${i}`, "W");
    expect(store.size).toBe(100);
    time.advance(61_000);
    await limiter.check("10.0.1.1", "W");
    expect(store.size).toBe(1);
  });
});

describe("rateLimitConfigFromEnv", () => {
  it("defaults to 30 per hour and refuses nonsense", () => {
    expect(rateLimitConfigFromEnv({})).toEqual({ limit: 30, windowSeconds: 3600 });
    expect(rateLimitConfigFromEnv({ SURVEY_RATE_LIMIT: "5", SURVEY_RATE_WINDOW_SECONDS: "60" })).toEqual({ limit: 5, windowSeconds: 60 });
    expect(() => rateLimitConfigFromEnv({ SURVEY_RATE_LIMIT: "0" })).toThrow(/SURVEY_RATE_LIMIT/);
    expect(() => rateLimitConfigFromEnv({ SURVEY_RATE_WINDOW_SECONDS: "abc" })).toThrow(/SURVEY_RATE_WINDOW_SECONDS/);
  });
});

describe("clientFromChain (the front door)", () => {
  it("with no proxy (0 hops) is the socket's address whatever X-Forwarded-For claims", () => {
    expect(clientFromChain(undefined, "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientFromChain("1.1.1.1", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientFromChain(["1.1.1.1", "2.2.2.2"], "203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("behind trusted proxies is the address the outermost one saw, not what the client wrote further left", () => {
    // One proxy (10.0.0.2) appended the client it saw (203.0.113.9); 1.1.1.1 is the client's own claim.
    expect(clientFromChain("1.1.1.1, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientFromChain("1.1.1.1, 203.0.113.9, 10.0.0.3", "10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("with fewer entries than hops falls back to the leftmost it has, and never to nothing", () => {
    expect(clientFromChain("203.0.113.9", "10.0.0.2", 3)).toBe("203.0.113.9");
    expect(clientFromChain(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientFromChain(" , ", undefined, 0)).toBe("unknown");
  });
});

describe("clientAddressOf (the app's side)", () => {
  it("believes only a stamp made with this process's front-door token", () => {
    const token = openFrontDoor();
    const headers = (value: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: value });
    expect(clientAddressOf(headers(`${token} 203.0.113.9`))).toBe("203.0.113.9");
    expect(clientAddressOf(headers(`${token} 2001:db8::1`))).toBe("2001:db8::1");
    expect(clientAddressOf(headers("made-up-token 203.0.113.9"))).toBe("unknown");
    expect(clientAddressOf(headers("203.0.113.9"))).toBe("unknown");
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("unknown");
  });
});

describe("checkTabletDay: a ward tablet's daily cap", () => {
  it("allows up to the limit a day, then refuses until midnight; a new day or another tablet starts afresh", async () => {
    const store = new MemoryRateLimitStore();
    const check = (tablet: string, day: string) => checkTabletDay(store, tablet, day, 2, 4000);
    expect(await check("a", "2026-12-07")).toEqual({ allowed: true });
    expect(await check("a", "2026-12-07")).toEqual({ allowed: true });
    expect(await check("a", "2026-12-07")).toEqual({ allowed: false, retryAfterSeconds: 4000 });
    expect(await check("b", "2026-12-07")).toEqual({ allowed: true });
    expect(await check("a", "2026-12-08")).toEqual({ allowed: true });
  });
});
