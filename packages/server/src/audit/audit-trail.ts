import type { Kysely } from 'kysely';
import { insertActivity, pruneActivity, type ConnectActivity } from '../storage/repositories/connect-activity.ts';
import type { Database } from '../storage/schema.ts';
import { createBatcher } from './batcher.ts';

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** The recorder of Connect Apps' requests: rows are batched in memory and written in the background. */
export interface AuditTrail {
  record(entry: ConnectActivity): void;
  /** Writes what waits now (tests, and shutdown). */
  flush(): Promise<boolean>;
  /** Deletes entries past retention; runs hourly on its own. */
  prune(): Promise<number>;
  close(): Promise<void>;
}

export interface AuditTrailOptions {
  retentionDays: number;
  clock: () => number;
}

export function createAuditTrail(db: Kysely<Database>, { retentionDays, clock }: AuditTrailOptions): AuditTrail {
  const batcher = createBatcher<ConnectActivity>({
    write: (rows) => insertActivity(db, rows),
    // Each write is a commit, after which every process checks its cached answers again (on PostgreSQL
    // all of them): a second's batch keeps them valid far longer than five smaller ones would.
    maxRows: 2_000,
    intervalMs: 1_000,
    capacity: 100_000,
    onError: (error) => console.error('Writing the Connect audit trail failed; the entries are kept and retried:', error),
  });
  const prune = () => pruneActivity(db, clock() - retentionDays * DAY_MS);
  const pruneQuietly = () => prune().catch((error: unknown) => console.error('Pruning the Connect audit trail failed; it is retried within the hour:', error));
  void pruneQuietly();
  const pruner = setInterval(pruneQuietly, PRUNE_EVERY_MS);
  pruner.unref();
  return {
    record: (entry) => batcher.add(entry),
    flush: () => batcher.flush(),
    prune,
    async close() {
      clearInterval(pruner);
      if (!(await batcher.close())) console.error(`The Connect audit trail could not write its last ${batcher.waiting} entries before shutdown.`);
    },
  };
}
