import type { Kysely } from 'kysely';

/**
 * Where a call made with `Record=true` reports its recording: Create Call's `RecordingStatusCallback`,
 * its method and the events asked for. Kept beside the call, one row for the calls that gave one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_recording_callbacks')
    .addColumn('call_sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('method', 'varchar(8)', (c) => c.notNull())
    .addColumn('events', 'varchar(64)', (c) => c.notNull())
    .execute();
}
