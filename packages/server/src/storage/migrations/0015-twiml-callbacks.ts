import type { Kysely } from 'kysely';

/**
 * Callbacks TwiML and Create Call ask for beyond status callbacks. A call made with `Record=true`
 * keeps Create Call's `RecordingStatusCallback`, its method and events. A `<Message action>` reply
 * keeps its action until the message is sent (`due_at`), when the action is requested and the
 * messaging flow goes on with its answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_recording_callbacks')
    .addColumn('call_sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('method', 'varchar(8)', (c) => c.notNull())
    .addColumn('events', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('message_actions')
    .addColumn('message_sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('method', 'varchar(8)', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .execute();
  await db.schema.createIndex('message_actions_due').on('message_actions').column('due_at').execute();
}
