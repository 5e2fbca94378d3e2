import type { Kysely } from 'kysely';

/**
 * The rest of the 2010-04-01 API: usage triggers (with when they last fired), addresses, the
 * short codes each account is given, what apps start on a live call (payments, media streams,
 * SIPREC sessions, real-time transcriptions, user-defined message subscriptions) and message feedback.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_triggers')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)')
    .addColumn('callback_url', 'text', (c) => c.notNull())
    .addColumn('callback_method', 'varchar(4)', (c) => c.notNull())
    .addColumn('trigger_value', 'varchar(32)', (c) => c.notNull())
    .addColumn('usage_category', 'varchar(64)', (c) => c.notNull())
    .addColumn('recurring', 'varchar(8)', (c) => c.notNull())
    .addColumn('trigger_by', 'varchar(8)', (c) => c.notNull())
    .addColumn('current_value', 'varchar(32)', (c) => c.notNull())
    .addColumn('date_fired', 'bigint')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('usage_triggers_account').on('usage_triggers').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('addresses')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)')
    .addColumn('customer_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('street', 'varchar(255)', (c) => c.notNull())
    .addColumn('street_secondary', 'varchar(255)')
    .addColumn('city', 'varchar(255)', (c) => c.notNull())
    .addColumn('region', 'varchar(255)', (c) => c.notNull())
    .addColumn('postal_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('iso_country', 'varchar(2)', (c) => c.notNull())
    .addColumn('emergency_enabled', 'integer', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('addresses_account').on('addresses').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('short_codes')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('short_code', 'varchar(8)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('api_version', 'varchar(10)', (c) => c.notNull())
    .addColumn('sms_url', 'text')
    .addColumn('sms_method', 'varchar(4)', (c) => c.notNull())
    .addColumn('sms_fallback_url', 'text')
    .addColumn('sms_fallback_method', 'varchar(4)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('short_codes_account').on('short_codes').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('call_sessions')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('call_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_sessions_call').on('call_sessions').columns(['call_sid', 'kind']).execute();

  await db.schema
    .createTable('message_feedback')
    .addColumn('message_sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
}
