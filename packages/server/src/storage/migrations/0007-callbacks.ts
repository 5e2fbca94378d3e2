import type { Kysely } from 'kysely';

/**
 * Callbacks to apps: outbox deliveries name the resource they report on (a call, a message) and their
 * place in its order, so one resource's callbacks are never sent out of order; attempts keep what the
 * app answered. Calls keep which status events the app asked for, their fallback and
 * the state of their TwiML conversation. Notifications are the errors an app's
 * answers caused (Twilio's `/Notifications`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhook_deliveries').addColumn('resource_sid', 'varchar(34)').execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('resource_seq', 'integer').execute();
  await db.schema.createIndex('webhook_deliveries_resource').on('webhook_deliveries').columns(['resource_sid', 'resource_seq']).execute();
  await db.schema.alterTable('webhook_attempts').addColumn('content_type', 'varchar(128)').execute();
  await db.schema.alterTable('webhook_attempts').addColumn('response_body', 'text').execute();
  await db.schema.alterTable('calls').addColumn('status_callback_events', 'varchar(64)', (c) => c.notNull().defaultTo('completed')).execute();
  await db.schema.alterTable('calls').addColumn('fallback_url', 'text').execute();
  await db.schema.alterTable('calls').addColumn('fallback_method', 'varchar(8)').execute();
  await db.schema.alterTable('calls').addColumn('conversation', 'text').execute();
  await db.schema
    .createTable('notifications')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('call_sid', 'varchar(34)')
    .addColumn('error_code', 'varchar(8)', (c) => c.notNull())
    .addColumn('log', 'varchar(1)', (c) => c.notNull())
    .addColumn('message_text', 'text', (c) => c.notNull())
    .addColumn('request_method', 'varchar(4)')
    .addColumn('request_url', 'text')
    .addColumn('request_variables', 'text')
    .addColumn('response_body', 'text')
    .addColumn('response_headers', 'text')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_account').on('notifications').columns(['account_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('notifications_call').on('notifications').columns(['call_sid', 'date_created', 'sid']).execute();
}
