import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { MemoryRateLimitStore, RedisRateLimitStore, SurveyRateLimiter, rateLimitConfigFromEnv, type RateLimitStore } from "./rate-limit";

const globalForLimiter = globalThis as unknown as { wardsafeSurveyLimiter?: SurveyRateLimiter; wardsafeRateStore?: RateLimitStore };

/** The process's counters: in Redis when REDIS_URL is set (shared by every app instance), else in memory. */
export function rateLimitStore(): RateLimitStore {
  if (!globalForLimiter.wardsafeRateStore) {
    const redisUrl = env().REDIS_URL;
    globalForLimiter.wardsafeRateStore = redisUrl
      ? new RedisRateLimitStore(new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }))
      : new MemoryRateLimitStore();
  }
  return globalForLimiter.wardsafeRateStore;
}

/** The process's survey rate limiter (per network address and ward). */
export function surveyRateLimiter(): SurveyRateLimiter {
  globalForLimiter.wardsafeSurveyLimiter ??= new SurveyRateLimiter(rateLimitStore(), rateLimitConfigFromEnv());
  return globalForLimiter.wardsafeSurveyLimiter;
}
