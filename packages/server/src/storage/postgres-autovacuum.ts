import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The PostgreSQL servers this process has warned of: a process that starts many Switchboards (the tests) says it once. */
const warned = new Set<string>();

/**
 * Every step of a simulated call or message updates its row, and PostgreSQL keeps the old version until
 * a vacuum: with autovacuum off they pile up in tables and indexes, and every read and write slows.
 * A server that finds it off says so, and how to mend it, once at start.
 */
export async function warnIfAutovacuumOff(db: Kysely<Database>, log: (line: string) => void = console.warn): Promise<void> {
  const { rows } = await sql<{ autovacuum: string; server: string }>`
    select current_setting('autovacuum') as autovacuum, coalesce(inet_server_addr()::text, 'local') || ':' || current_setting('port') as server`.execute(db);
  const { autovacuum, server } = rows[0]!;
  if (autovacuum !== 'off' || warned.has(server)) return;
  warned.add(server);
  log(
    "Warning: this PostgreSQL server's autovacuum is off, so the row versions Switchboard's updates and deletes leave behind are never " +
      'reclaimed and its tables slow down as they grow. Turn it on (autovacuum = on in postgresql.conf, then SELECT pg_reload_conf()), ' +
      'or run VACUUM ANALYZE on this database regularly.',
  );
}
