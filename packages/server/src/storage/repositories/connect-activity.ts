import { sql, type Kysely, type OnConflictBuilder, type SelectQueryBuilder } from 'kysely';
import { utcDay } from '../../telephony/record-usage.ts';
import { BulkInserter } from '../bulk-insert.ts';
import { dialectOf } from '../dialect-of.ts';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { ConnectActivityDailyTable, ConnectActivityTable } from '../schema-audit.ts';
import { writesMayStart } from '../write-gate.ts';

export type ConnectActivity = ConnectActivityTable;

/** Whose activity: a customer's (optionally one app's, or one Connect subaccount's), or one app's across its users. */
export type ActivityScope =
  | { accountSid: string; connectAppSid?: string; subaccountSid?: string }
  | { connectAppSid: string };

export interface ActivityFilters {
  status?: number;
  method?: string;
  resource?: string;
  errorCode?: number;
  from?: number;
  to?: number;
}

// INSERTs are compiled once and reused: building them through Kysely each time would cost more than
// writing them. On SQLite, whose statement text depends on the row count, batches are written in chunks
// of 256, 128, …, 1 rows, so only nine are compiled; on PostgreSQL one statement takes any count.
const inserter = new BulkInserter();
const CHUNK_SIZES = [256, 128, 64, 32, 16, 8, 4, 2, 1];

/** Resolves after the event loop has had a turn: pending I/O first. */
const afterPendingIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A request refused for want of a grant: charted apart from the other failures. */
const isDenial = (row: ConnectActivity): boolean => row.error_code === 20006;

/**
 * A batch's requests counted per app, day, account and subaccount, for the daily roll-up; in the order
 * of that key, so that two processes adding to the same days lock their rows in the same order (in
 * any other, each could wait for a row the other holds).
 */
function dailyCounts(rows: readonly ConnectActivity[]): ConnectActivityDailyTable[] {
  const counts = new Map<string, ConnectActivityDailyTable>();
  for (const row of rows) {
    const key = `${row.connect_app_sid} ${row.day} ${row.account_sid} ${row.subaccount_sid}`;
    let count = counts.get(key);
    if (!count) {
      count = { connect_app_sid: row.connect_app_sid, day: row.day, account_sid: row.account_sid, subaccount_sid: row.subaccount_sid, reads: 0, writes: 0, denied: 0, errors: 0 };
      counts.set(key, count);
    }
    if (isDenial(row)) count.denied++;
    else if (row.method === 'GET') count.reads++;
    else count.writes++;
    if (row.status >= 400) count.errors++;
  }
  return [...counts.keys()].sort().map((key) => counts.get(key)!);
}

/** Counts of days already counted are added to. */
const addingToTheCounts = (oc: OnConflictBuilder<Database, 'connect_activity_daily'>) =>
  oc.columns(['connect_app_sid', 'day', 'account_sid', 'subaccount_sid']).doUpdateSet({
    reads: sql`connect_activity_daily.reads + excluded.reads`,
    writes: sql`connect_activity_daily.writes + excluded.writes`,
    denied: sql`connect_activity_daily.denied + excluded.denied`,
    errors: sql`connect_activity_daily.errors + excluded.errors`,
  });

/**
 * One batch of the audit trail and its daily counts, all or nothing. Between chunks the event loop gets
 * a turn: SQLite runs each statement synchronously, and a batch of 2,000 rows in one go would hold every
 * request (even answers served from memory) for tens of milliseconds. It stays one transaction, so one commit.
 */
export async function insertActivity(db: Kysely<Database>, rows: readonly ConnectActivity[]): Promise<void> {
  await writesMayStart(db);
  await db.transaction().execute(async (trx) => {
    if (dialectOf(db) === 'postgres') await inserter.insert(trx, 'connect_activity', rows);
    else {
      let start = 0;
      for (const size of CHUNK_SIZES) {
        for (; rows.length - start >= size; start += size) {
          if (start > 0) await afterPendingIo();
          await inserter.insert(trx, 'connect_activity', rows.slice(start, start + size));
        }
      }
    }
    const counts = dailyCounts(rows);
    for (let i = 0; i < counts.length; i += 500) {
      await trx.insertInto('connect_activity_daily').values(counts.slice(i, i + 500)).onConflict(addingToTheCounts).execute();
    }
  });
}

/**
 * Deletes entries older than `before`, and the daily counts of the days before the one `before` falls
 * in (that day's counts stay whole while it is in the chart); returns how many entries.
 */
export async function pruneActivity(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('connect_activity').where('date_created', '<', before).executeTakeFirst();
  await db.deleteFrom('connect_activity_daily').where('day', '<', utcDay(before)).execute();
  return Number(result.numDeletedRows);
}

/** The trail's entries, or its daily counts, in `scope` (both tables have its columns). */
function scoped(db: Kysely<Database>, table: 'connect_activity', scope: ActivityScope): SelectQueryBuilder<Database, 'connect_activity', {}>;
function scoped(db: Kysely<Database>, table: 'connect_activity_daily', scope: ActivityScope): SelectQueryBuilder<Database, 'connect_activity_daily', {}>;
function scoped(db: Kysely<Database>, table: 'connect_activity' | 'connect_activity_daily', scope: ActivityScope): SelectQueryBuilder<Database, any, {}> {
  let q = db.selectFrom(table as 'connect_activity');
  if ('accountSid' in scope) {
    q = q.where('account_sid', '=', scope.accountSid);
    if (scope.subaccountSid !== undefined) q = q.where('subaccount_sid', '=', scope.subaccountSid);
  }
  if (scope.connectAppSid !== undefined) q = q.where('connect_app_sid', '=', scope.connectAppSid);
  return q;
}

/** Newest first, keyset-paged on (date_created, sid) through the scope's index. */
export function listActivity(db: Kysely<Database>, scope: ActivityScope, filters: ActivityFilters, page: PageQuery): Promise<PageRows<ConnectActivity>> {
  let q = scoped(db, 'connect_activity', scope).selectAll();
  if (filters.status !== undefined) q = q.where('status', '=', filters.status);
  if (filters.method !== undefined) q = q.where('method', '=', filters.method);
  if (filters.resource !== undefined) q = q.where('resource', '=', filters.resource);
  if (filters.errorCode !== undefined) q = q.where('error_code', '=', filters.errorCode);
  if (filters.from !== undefined) q = q.where('date_created', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('date_created', '<=', filters.to);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

export interface DailyActivity {
  day: string;
  reads: number;
  writes: number;
  /** Refused with 20006. */
  denied: number;
  /** Any status of 400 or more, denials included. */
  errors: number;
}

/** Requests per UTC day since the day `from` falls in, split the way the Console charts them: read from the daily counts. */
export async function dailyActivity(db: Kysely<Database>, scope: ActivityScope, from: number): Promise<DailyActivity[]> {
  const rows = await scoped(db, 'connect_activity_daily', scope)
    .select((eb) => [
      'day',
      eb.fn.sum<number | string>('reads').as('reads'),
      eb.fn.sum<number | string>('writes').as('writes'),
      eb.fn.sum<number | string>('denied').as('denied'),
      eb.fn.sum<number | string>('errors').as('errors'),
    ])
    .where('day', '>=', utcDay(from))
    .groupBy('day')
    .orderBy('day')
    .execute();
  // PostgreSQL sums as bigint, which pg hands over as strings.
  return rows.map((r) => ({ day: r.day, reads: Number(r.reads), writes: Number(r.writes), denied: Number(r.denied), errors: Number(r.errors) }));
}
