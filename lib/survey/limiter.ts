import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { MemoryRateLimitStore, RedisRateLimitStore, SurveyRateLimiter, rateLimitConfigFromEnv } from "./rate-limit";

const globalForLimiter = globalThis as unknown as { wardsafeSurveyLimiter?: SurveyRateLimiter };

/** The process's survey rate limiter: Redis-backed when REDIS_URL is set (shared by every app instance). */
export function surveyRateLimiter(): SurveyRateLimiter {
  if (!globalForLimiter.wardsafeSurveyLimiter) {
    const config = rateLimitConfigFromEnv();
    const redisUrl = env().REDIS_URL;
    const store = redisUrl
      ? new RedisRateLimitStore(new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }))
      : new MemoryRateLimitStore();
    globalForLimiter.wardsafeSurveyLimiter = new SurveyRateLimiter(store, config);
  }
  return globalForLimiter.wardsafeSurveyLimiter;
}

/**
 * The address the request came from, used only as rate-limit input and then discarded. Counted
 * from the right of x-forwarded-for: each trusted reverse proxy appends the address it saw, so
 * the entry TRUSTED_PROXY_HOPS from the right is the client, and anything further left is
 * whatever the client chose to send. `next start` without a proxy sets the header from the
 * socket when the client sent none.
 */
export function clientAddressOf(headers: Headers, trustedHops = env().TRUSTED_PROXY_HOPS): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  const index = Math.max(0, chain.length - Math.max(1, trustedHops));
  return chain[index] ?? "unknown";
}
