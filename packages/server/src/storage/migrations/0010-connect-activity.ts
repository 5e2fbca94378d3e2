import type { Kysely } from 'kysely';

/**
 * The audit trail of Connect Apps: one row per API request made with Connect credentials. The
 * customer reads it per account (and per app), the developer per app, both newest first; the
 * pruner deletes by age.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connect_activity')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('subaccount_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('connect_app_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('developer_account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('method', 'varchar(8)', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('resource', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('error_code', 'integer')
    .addColumn('missing_permission', 'varchar(16)')
    .addColumn('resource_sid', 'varchar(34)')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('connect_activity_account_app').on('connect_activity').columns(['account_sid', 'connect_app_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('connect_activity_account').on('connect_activity').columns(['account_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('connect_activity_app').on('connect_activity').columns(['connect_app_sid', 'date_created', 'sid']).execute();
  await db.schema.createIndex('connect_activity_age').on('connect_activity').column('date_created').execute();
}
