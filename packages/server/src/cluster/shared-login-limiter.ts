import { createLoginLimiter } from '../console/session/login-limiter.ts';
import type { RedisLink } from './redis-link.ts';

/** Failed attempts per key in a fixed window, as the log-in and sign-up pages count them. */
export interface AttemptLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(keys: readonly string[], now: number): Promise<number>;
  recordFailure(keys: readonly string[], now: number): Promise<void>;
  reset(keys: readonly string[]): Promise<void>;
}

/** The longest wait among keys at or over the limit, in whole seconds. */
const WAIT = `
local wait = 0
for _, key in ipairs(KEYS) do
  local failures = tonumber(redis.call('GET', key) or '0')
  if failures >= tonumber(ARGV[1]) then wait = math.max(wait, math.ceil(redis.call('PTTL', key) / 1000)) end
end
return wait`;

/** A window starts with its first failure and ends `windowMs` later, when Redis drops the key. */
const FAIL = `
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return 0`;

/**
 * With Redis, one count per key for the whole cluster, in Redis's own time; without it, or while it
 * is unreachable, this process's count (the fail-safe). `name` keeps limiters' keys apart.
 */
export function createAttemptLimiter(name: string, options: { limit: number; windowMs?: number }, redis: RedisLink | undefined): AttemptLimiter {
  const local = createLoginLimiter(options);
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const shared = (keys: readonly string[]) => keys.map((key) => `${redis!.prefix}attempts:${name}:${key}`);
  if (!redis) {
    return {
      retryAfter: async (keys, now) => local.retryAfter(keys, now),
      recordFailure: async (keys, now) => local.recordFailure(keys, now),
      reset: async (keys) => local.reset(keys),
    };
  }
  return {
    retryAfter: (keys, now) =>
      redis.run(async (send) => Number(await send(['EVAL', WAIT, String(keys.length), ...shared(keys), String(options.limit)])), () => local.retryAfter(keys, now)),
    recordFailure: (keys, now) =>
      redis.run(async (send) => void (await send(['EVAL', FAIL, String(keys.length), ...shared(keys), String(windowMs)])), () => local.recordFailure(keys, now)),
    reset: (keys) => redis.run(async (send) => void (await send(['DEL', ...shared(keys)])), () => local.reset(keys)),
  };
}
