import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { env, parseEnv } from "@/lib/env";

// Abuse protection without identifiers: a client is known only by a salted hash of its network
// address and the ward, held in memory (or in Redis with REDIS_URL) for one window and never
// written to PostgreSQL or a log. The salt is random and rotates, so a counter key cannot be
// turned back into an address even by someone holding the Redis dump.

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimitStore {
  /** Counts one hit for the key in a fixed window; returns the count so far and the seconds left. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
}

export type RateLimitConfig = { limit: number; windowSeconds: number };

/** The limit and window from lib/env (or from `source`, checked the same way). */
export function rateLimitConfigFromEnv(source?: Record<string, string | undefined>): RateLimitConfig {
  const { SURVEY_RATE_LIMIT, SURVEY_RATE_WINDOW_SECONDS } = source ? parseEnv(source) : env();
  return { limit: SURVEY_RATE_LIMIT, windowSeconds: SURVEY_RATE_WINDOW_SECONDS };
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowSeconds: number) {
    const now = this.now();
    this.sweep(now);
    let entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
  }

  /** Forget expired windows so memory stays bounded by the clients of one window. */
  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }

  get size() {
    return this.windows.size;
  }
}

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, windowSeconds: number) {
    const redisKey = `wardsafe:survey-rate:${key}`;
    const [[, count], [, ttl]] = (await this.redis
      .multi()
      .incr(redisKey)
      .expire(redisKey, windowSeconds, "NX")
      .ttl(redisKey)
      .exec()) as [[null, number], [null, number], [null, number]];
    return { count, resetInSeconds: Math.max(1, ttl) };
  }
}

export class SurveyRateLimiter {
  private salt: Buffer = randomBytes(32);
  private saltCreatedAt: number;

  constructor(
    private readonly store: RateLimitStore,
    private readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.saltCreatedAt = now();
  }

  /** The counter key: nothing in it can be reversed into the client's address. */
  keyFor(clientAddress: string, wardCode: string): string {
    // Rotating daily (and on restart) bounds how long any one hash is meaningful. A window that
    // straddles a rotation restarts its count, which only ever errs towards accepting answers.
    if (this.now() - this.saltCreatedAt > 86_400_000) {
      this.salt = randomBytes(32);
      this.saltCreatedAt = this.now();
    }
    return createHash("sha256").update(this.salt).update(clientAddress).update("\0").update(wardCode).digest("base64url");
  }

  async check(clientAddress: string, wardCode: string): Promise<RateLimitDecision> {
    const { count, resetInSeconds } = await this.store.hit(this.keyFor(clientAddress, wardCode), this.config.windowSeconds);
    return count <= this.config.limit ? { allowed: true } : { allowed: false, retryAfterSeconds: resetInSeconds };
  }
}

/**
 * A ward tablet's answers per day (Europe/London), capped at TABLET_DAILY_LIMIT: a tablet is not
 * limited per network (the whole ward shares it), but a stolen credential cannot fill a ward's
 * results. The key is the tablet's id and the day; the count is all that is kept.
 */
export async function checkTabletDay(
  store: RateLimitStore,
  tabletId: string,
  today: string,
  limit: number,
  secondsToMidnight: number,
): Promise<RateLimitDecision> {
  // The window outlasts the day; the day in the key is what starts a new count at midnight.
  const { count } = await store.hit(`tablet:${tabletId}:${today}`, 2 * 86_400);
  return count <= limit ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, secondsToMidnight) };
}
