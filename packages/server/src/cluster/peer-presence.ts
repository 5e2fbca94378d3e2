import { createRequire } from 'node:module';
import type pg from 'pg';

const require = createRequire(import.meta.url);

/** One advisory lock key for "a Switchboard process serves this database". */
const PRESENCE_LOCK = 0x5357_4244;

/**
 * Without Redis each process limits on its own, which is right for one process and wrong for a
 * cluster. The first process on a PostgreSQL database holds an advisory lock for as long as it runs
 * (its connection ends with it, even on kill -9); a later one that finds it taken warns.
 */
export async function warnOfPeersWithoutRedis(databaseUrl: string, log: (line: string) => void = console.warn): Promise<() => Promise<void>> {
  const { Client } = require('pg') as typeof pg;
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [PRESENCE_LOCK]);
  if (!rows[0]!.held) {
    log(
      'Warning: another Switchboard process serves this PostgreSQL database, and REDIS_URL is not set: the API concurrency limit and the ' +
        'log-in and sign-up limits hold per process, not for the cluster. Set REDIS_URL (the same for every process) to share them.',
    );
  }
  return () => client.end().catch(() => undefined);
}
