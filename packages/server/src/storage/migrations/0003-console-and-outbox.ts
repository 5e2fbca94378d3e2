import type { Kysely } from 'kysely';

/**
 * Console users and their sessions, Connect App logos, and the webhook outbox (events, deliveries,
 * attempts). Logos are base64 text so that one column type serves SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_users')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('console_sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_sid', 'varchar(34)', (c) => c.notNull().references('console_users.sid').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_sessions_user').on('console_sessions').column('user_sid').execute();

  await db.schema
    .createTable('connect_app_logos')
    .addColumn('connect_app_sid', 'varchar(34)', (c) => c.primaryKey().references('connect_apps.sid').onDelete('cascade'))
    .addColumn('content_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_events')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('connect_app_sid', 'varchar(34)')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('event_sid', 'varchar(34)', (c) => c.notNull().references('webhook_events.sid'))
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('connect_app_sid', 'varchar(34)')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('method', 'varchar(4)', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('lease_token', 'varchar(32)')
    .addColumn('replay_of', 'varchar(34)')
    .addColumn('delivered_at', 'bigint')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_app').on('webhook_deliveries').columns(['connect_app_sid', 'date_created']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('delivery_sid', 'varchar(34)', (c) => c.notNull().references('webhook_deliveries.sid'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('method', 'varchar(4)', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_sid', 'number']).execute();
}
