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
