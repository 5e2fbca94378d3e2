import type { Kysely } from 'kysely';

/** API keys (standard and signing; secrets only as hashes) and the faults the test controls inject. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)')
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_keys_account_kind').on('api_keys').columns(['account_sid', 'kind', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('test_faults')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('method', 'varchar(8)')
    .addColumn('path', 'varchar(512)', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('code', 'integer')
    .addColumn('retry_after', 'integer')
    .addColumn('delay_ms', 'integer')
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('test_faults_account').on('test_faults').columns(['account_sid', 'remaining', 'date_created', 'sid']).execute();
}
