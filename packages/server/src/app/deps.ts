import type { Kysely } from 'kysely';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../storage/schema.ts';

/** What every part of the running server shares: storage, the clock, configuration. */
export interface AppDeps {
  db: Kysely<Database>;
  /** Epoch milliseconds; tests and the telephony simulation can drive their own. */
  clock: () => number;
  config: Config;
  /** Records Connect Apps' requests; null when `SWITCHBOARD_AUDIT=off`. */
  audit: AuditTrail | null;
}
