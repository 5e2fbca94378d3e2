import { randomBytes } from 'node:crypto';
import { TwilioError } from '../errors/twilio-error.ts';
import { createConcurrencyLimit } from '../http/concurrency-limit.ts';
import type { RedisLink } from './redis-link.ts';

/**
 * Each request in flight is a member of a sorted set scored by when it started; members older than
 * the lease belong to a process that died mid-request and no longer count.
 */
const TAKE_PLACE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * The per-credential concurrency limit for the whole cluster, counted in Redis. While Redis is
 * unreachable each process counts on its own (the fail-safe): a request is never refused for want
 * of Redis. `leaseMs` outlasts the longest request the server lets run.
 */
export function createSharedConcurrencyLimit(max: number, redis: RedisLink, leaseMs: number) {
  const local = createConcurrencyLimit(max);
  return {
    async acquire(key: string): Promise<() => void> {
      const setKey = `${redis.prefix}inflight:${key}`;
      const member = randomBytes(9).toString('base64');
      const took = (answer: unknown) => Number(answer) === 1;
      const taken = await redis.run(async (send) => took(await send(['EVAL', TAKE_PLACE, '1', setKey, String(Date.now()), String(leaseMs), String(max), member])), () => null);
      if (taken === null) return local.acquire(key);
      if (!taken) throw TwilioError.of('tooManyRequests', `Too Many Requests: ${key} already has ${max} requests in flight across the cluster. Wait for some to finish, then retry.`);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // A release Redis misses expires with the lease.
        void redis.run((send) => send(['ZREM', setKey, member]), () => undefined);
      };
    },
  };
}
