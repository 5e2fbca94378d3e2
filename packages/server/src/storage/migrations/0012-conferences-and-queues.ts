import type { Kysely } from 'kysely';

/**
 * Conferences and their participants, and the calls waiting in queues. A call is in at most one
 * conference or queue at a time, so its SID keys both memberships. A conference recorded from its
 * start keeps when that was; its recording names it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conferences')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('region', 'varchar(8)', (c) => c.notNull())
    .addColumn('reason_conference_ended', 'varchar(64)')
    .addColumn('call_sid_ending_conference', 'varchar(34)')
    .addColumn('status_callback', 'text')
    .addColumn('status_callback_method', 'varchar(8)')
    .addColumn('status_callback_events', 'varchar(128)')
    .addColumn('record_call_sid', 'varchar(34)')
    .addColumn('record_from', 'bigint')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conferences_account_created').on('conferences').columns(['account_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('conferences_account_name').on('conferences').columns(['account_sid', 'friendly_name', 'status']).execute();
  await db.schema
    .createTable('conference_participants')
    .addColumn('call_sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('conference_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('label', 'varchar(128)')
    .addColumn('muted', 'integer', (c) => c.notNull())
    .addColumn('hold', 'integer', (c) => c.notNull())
    .addColumn('coaching', 'integer', (c) => c.notNull())
    .addColumn('start_conference_on_enter', 'integer', (c) => c.notNull())
    .addColumn('end_conference_on_exit', 'integer', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conference_participants_conference').on('conference_participants').columns(['conference_sid', 'date_created', 'call_sid']).execute();
  await db.schema
    .createTable('queue_members')
    .addColumn('call_sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('queue_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('date_enqueued', 'bigint', (c) => c.notNull())
    .addColumn('result', 'varchar(16)')
    .addColumn('left_at', 'bigint')
    .addColumn('resume_at', 'bigint')
    .addColumn('redirect_url', 'text')
    .addColumn('redirect_method', 'varchar(8)')
    .execute();
  await db.schema.alterTable('recordings').addColumn('conference_sid', 'varchar(34)').execute();
  await db.schema.createIndex('recordings_conference').on('recordings').columns(['conference_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('queue_members_queue').on('queue_members').columns(['queue_sid', 'date_enqueued', 'call_sid']).execute();
}
