import type { Kysely } from 'kysely';
import type { RedisLink } from '../cluster/redis-link.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../storage/schema.ts';

/** What every part of the running server shares: storage, the clock, configuration. */
export interface AppDeps {
  db: Kysely<Database>;
  /** Epoch milliseconds; tests and the telephony simulation can drive their own. */
  clock: () => number;
  config: Config;
  /** Where the cluster's shared limits live (`REDIS_URL`); without it each process limits on its own. */
  redis?: RedisLink;
}
