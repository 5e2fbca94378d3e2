import type { Kysely } from 'kysely';

/**
 * Callbacks to apps: outbox deliveries name the resource they report on (a call, a message) and their
 * place in its order, so one resource's callbacks are never sent out of order; attempts keep what the
 * app answered. Calls keep which status events the app asked for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhook_deliveries').addColumn('resource_sid', 'varchar(34)').execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('resource_seq', 'integer').execute();
  await db.schema.createIndex('webhook_deliveries_resource').on('webhook_deliveries').columns(['resource_sid', 'resource_seq']).execute();
  await db.schema.alterTable('webhook_attempts').addColumn('content_type', 'varchar(128)').execute();
  await db.schema.alterTable('webhook_attempts').addColumn('response_body', 'text').execute();
  await db.schema.alterTable('calls').addColumn('status_callback_events', 'varchar(64)', (c) => c.notNull().defaultTo('completed')).execute();
}
