import type { Kysely } from 'kysely';

/** Calls, messages, numbers, applications, recordings, transcriptions and daily usage. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('parent_call_sid', 'varchar(34)')
    .addColumn('to', 'varchar(64)', (c) => c.notNull())
    .addColumn('from', 'varchar(64)', (c) => c.notNull())
    .addColumn('phone_number_sid', 'varchar(34)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('start_time', 'bigint')
    .addColumn('end_time', 'bigint')
    .addColumn('duration', 'integer')
    .addColumn('price', 'varchar(16)')
    .addColumn('answered_by', 'varchar(32)')
    .addColumn('caller_name', 'varchar(64)')
    .addColumn('forwarded_from', 'varchar(64)')
    .addColumn('queue_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('url', 'text')
    .addColumn('method', 'varchar(8)')
    .addColumn('twiml', 'text')
    .addColumn('application_sid', 'varchar(34)')
    .addColumn('status_callback', 'text')
    .addColumn('status_callback_method', 'varchar(8)')
    .addColumn('record', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('ring_seconds', 'integer', (c) => c.notNull())
    .addColumn('talk_seconds', 'integer', (c) => c.notNull())
    .addColumn('next_event_at', 'bigint')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['calls_account_created', ['account_sid', 'date_created', 'sid']],
    ['calls_account_status', ['account_sid', 'status', 'date_created', 'sid']],
    ['calls_account_to', ['account_sid', 'to', 'date_created', 'sid']],
    ['calls_account_from', ['account_sid', 'from', 'date_created', 'sid']],
    ['calls_account_parent', ['account_sid', 'parent_call_sid', 'date_created', 'sid']],
    ['calls_account_start', ['account_sid', 'start_time']],
    ['calls_account_end', ['account_sid', 'end_time']],
    ['calls_next_event', ['next_event_at']],
  ] as const) {
    await db.schema.createIndex(name).on('calls').columns([...columns]).execute();
  }

  await db.schema
    .createTable('messages')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('to', 'varchar(64)', (c) => c.notNull())
    .addColumn('from', 'varchar(64)')
    .addColumn('messaging_service_sid', 'varchar(34)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('num_segments', 'integer', (c) => c.notNull())
    .addColumn('num_media', 'integer', (c) => c.notNull())
    .addColumn('price', 'varchar(16)')
    .addColumn('error_code', 'integer')
    .addColumn('error_message', 'text')
    .addColumn('status_callback', 'text')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('next_event_at', 'bigint')
    .addColumn('send_at', 'bigint')
    .addColumn('date_sent', 'bigint')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['messages_account_created', ['account_sid', 'date_created', 'sid']],
    ['messages_account_to', ['account_sid', 'to', 'date_created', 'sid']],
    ['messages_account_from', ['account_sid', 'from', 'date_created', 'sid']],
    ['messages_account_sent', ['account_sid', 'date_sent']],
    ['messages_next_event', ['next_event_at']],
  ] as const) {
    await db.schema.createIndex(name).on('messages').columns([...columns]).execute();
  }

  await db.schema
    .createTable('message_media')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('message_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(128)', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_media_message').on('message_media').columns(['message_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('incoming_phone_numbers')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('phone_number', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('iso_country', 'varchar(2)', (c) => c.notNull())
    .addColumn('capabilities', 'varchar(64)', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incoming_numbers_account').on('incoming_phone_numbers').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('applications')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_account').on('applications').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('recordings')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('call_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('duration', 'integer', (c) => c.notNull())
    .addColumn('channels', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('price', 'varchar(16)')
    .addColumn('start_time', 'bigint', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recordings_account').on('recordings').columns(['account_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('recordings_call').on('recordings').columns(['call_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('transcriptions')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('recording_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('duration', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('transcription_text', 'text')
    .addColumn('price', 'varchar(16)')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transcriptions_account').on('transcriptions').columns(['account_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('transcriptions_recording').on('transcriptions').columns(['recording_sid', 'date_created', 'sid']).execute();

  // Usage rolled up per account, day and category as it happens: usage queries never scan calls.
  await db.schema
    .createTable('usage_daily')
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('category', 'varchar(48)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('usage', 'bigint', (c) => c.notNull())
    .addColumn('price_micros', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_pk', ['account_sid', 'day', 'category'])
    .execute();
}
