import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('parent_sid', 'varchar(34)', (c) => c.references('accounts.sid'))
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('type', 'varchar(8)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('auth_token', 'varchar(32)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_parent_created').on('accounts').columns(['parent_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('connect_apps')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('company_name', 'text')
    .addColumn('description', 'text')
    .addColumn('homepage_url', 'text')
    .addColumn('terms_of_service_url', 'text')
    .addColumn('authorize_redirect_url', 'text')
    .addColumn('deauthorize_callback_url', 'text')
    .addColumn('deauthorize_callback_method', 'varchar(4)', (c) => c.notNull())
    .addColumn('permissions', 'varchar(32)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('connect_apps_account_created').on('connect_apps').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('connect_grants')
    .addColumn('connect_app_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('subaccount_sid', 'varchar(34)', (c) => c.notNull().unique().references('accounts.sid'))
    .addColumn('developer_account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('permissions', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('connect_grants_pk', ['connect_app_sid', 'account_sid'])
    .execute();
  await db.schema.createIndex('connect_grants_account_created').on('connect_grants').columns(['account_sid', 'date_created', 'connect_app_sid']).execute();
}
