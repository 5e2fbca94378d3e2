import type { Kysely } from 'kysely';

/** The test clock of a top-level account (its subaccounts share it); accounts without a row run on the server's. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_clocks')
    .addColumn('account_sid', 'varchar(34)', (c) => c.primaryKey().references('accounts.sid'))
    .addColumn('offset_ms', 'bigint', (c) => c.notNull())
    .addColumn('frozen_at', 'bigint')
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
}
