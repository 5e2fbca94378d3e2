import { sql, type Kysely } from 'kysely';

/**
 * The Connect audit trail counted per day, as the Console charts it: a Connect App's page summed every
 * request of the last fourteen days on each view (62–101 ms on SQLite's one connection at 300,000
 * requests, with every other request waiting; 55–101 on PostgreSQL), and now reads a row per day. The
 * trail's writer adds each batch's counts in the batch's transaction; the counts of requests already
 * recorded are summed here once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connect_activity_daily')
    .addColumn('connect_app_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('subaccount_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('reads', 'integer', (c) => c.notNull())
    .addColumn('writes', 'integer', (c) => c.notNull())
    .addColumn('denied', 'integer', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('connect_activity_daily_pk', ['connect_app_sid', 'day', 'account_sid', 'subaccount_sid'])
    .execute();
  await db.schema.createIndex('connect_activity_daily_account').on('connect_activity_daily').columns(['account_sid', 'day']).execute();
  const denied = sql`error_code = 20006`;
  await sql`
    insert into connect_activity_daily (connect_app_sid, day, account_sid, subaccount_sid, reads, writes, denied, errors)
    select connect_app_sid, day, account_sid, subaccount_sid,
      sum(case when ${denied} then 0 when method = 'GET' then 1 else 0 end),
      sum(case when ${denied} then 0 when method = 'GET' then 0 else 1 end),
      sum(case when ${denied} then 1 else 0 end),
      sum(case when status >= 400 then 1 else 0 end)
    from connect_activity
    group by connect_app_sid, day, account_sid, subaccount_sid`.execute(db);
}
