import type { Kysely } from 'kysely';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { RedisLink } from '../cluster/redis-link.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../storage/schema.ts';
import type { Simulator } from '../telephony/simulator.ts';

/** What every part of the running server shares: storage, the clock, configuration, the telephony network. */
export interface AppDeps {
  db: Kysely<Database>;
  /** Epoch milliseconds; tests and the telephony simulation can drive their own. */
  clock: () => number;
  config: Config;
  /** The telephony network: the test clock's controls move an account's calls and messages with it. */
  simulator: Simulator;
  /** Records Connect Apps' requests; null when `SWITCHBOARD_AUDIT=off`. */
  audit: AuditTrail | null;
  /** Where the cluster's shared limits live (`REDIS_URL`); without it each process limits on its own. */
  redis?: RedisLink;
}
