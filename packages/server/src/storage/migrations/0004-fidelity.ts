import type { Kysely } from 'kysely';

/**
 * Queues, verified outgoing caller IDs (what a Trial account may call and text), and credits added to a
 * top-level account's balance (seeded history comes paid for).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queues')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('max_size', 'integer', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('queues_account_created').on('queues').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('outgoing_caller_ids')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('phone_number', 'varchar(32)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('outgoing_caller_ids_account_number', ['account_sid', 'phone_number'])
    .execute();
  await db.schema.createIndex('outgoing_caller_ids_account_created').on('outgoing_caller_ids').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('balance_credits')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('micros', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'varchar(64)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('balance_credits_account').on('balance_credits').column('account_sid').execute();
}
