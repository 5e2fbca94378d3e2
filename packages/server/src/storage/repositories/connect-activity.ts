import { sql, type Kysely } from 'kysely';
import { BulkInserter } from '../bulk-insert.ts';
import { dialectOf } from '../dialect-of.ts';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { ConnectActivityTable } from '../schema-audit.ts';
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

/**
 * One batch of the audit trail, all or nothing. Between chunks the event loop gets a turn: SQLite runs
 * each statement synchronously, and a batch of 2,000 rows in one go would hold every request (even
 * answers served from memory) for tens of milliseconds. It stays one transaction, so one commit.
 */
export async function insertActivity(db: Kysely<Database>, rows: readonly ConnectActivity[]): Promise<void> {
  await writesMayStart(db);
  await db.transaction().execute(async (trx) => {
    if (dialectOf(db) === 'postgres') return inserter.insert(trx, 'connect_activity', rows);
    let start = 0;
    for (const size of CHUNK_SIZES) {
      for (; rows.length - start >= size; start += size) {
        if (start > 0) await afterPendingIo();
        await inserter.insert(trx, 'connect_activity', rows.slice(start, start + size));
      }
    }
  });
}

/** Deletes entries older than `before`; returns how many. */
export async function pruneActivity(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('connect_activity').where('date_created', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const scoped = (db: Kysely<Database>, scope: ActivityScope) => {
  let q = db.selectFrom('connect_activity');
  if ('accountSid' in scope) {
    q = q.where('account_sid', '=', scope.accountSid);
    if (scope.subaccountSid !== undefined) q = q.where('subaccount_sid', '=', scope.subaccountSid);
  }
  if (scope.connectAppSid !== undefined) q = q.where('connect_app_sid', '=', scope.connectAppSid);
  return q;
};

/** Newest first, keyset-paged on (date_created, sid) through the scope's index. */
export function listActivity(db: Kysely<Database>, scope: ActivityScope, filters: ActivityFilters, page: PageQuery): Promise<PageRows<ConnectActivity>> {
  let q = scoped(db, scope).selectAll();
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

/** Requests per UTC day since `from`, split the way the Console charts them. */
export async function dailyActivity(db: Kysely<Database>, scope: ActivityScope, from: number): Promise<DailyActivity[]> {
  const denied = sql<boolean>`error_code = 20006`;
  const rows = await scoped(db, scope)
    .select([
      'day',
      sql<number | string>`sum(case when ${denied} then 0 when method = 'GET' then 1 else 0 end)`.as('reads'),
      sql<number | string>`sum(case when ${denied} then 0 when method = 'GET' then 0 else 1 end)`.as('writes'),
      sql<number | string>`sum(case when ${denied} then 1 else 0 end)`.as('denied'),
      sql<number | string>`sum(case when status >= 400 then 1 else 0 end)`.as('errors'),
    ])
    .where('date_created', '>=', from)
    .groupBy('day')
    .orderBy('day')
    .execute();
  // PostgreSQL sums as bigint, which pg hands over as strings.
  return rows.map((r) => ({ day: r.day, reads: Number(r.reads), writes: Number(r.writes), denied: Number(r.denied), errors: Number(r.errors) }));
}
