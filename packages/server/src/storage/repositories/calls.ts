import type { Kysely } from 'kysely';
import { MAX_START_LAG_MS } from '../../telephony/call-lifecycle.ts';
import { shapedKeysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { CallStatus, CallsTable, Database } from '../schema.ts';

export type Call = CallsTable;

export interface InstantRange {
  from?: number;
  to?: number;
}

export interface CallFilters {
  to?: string;
  from?: string;
  parentCallSid?: string;
  status?: CallStatus;
  startTime: InstantRange;
  endTime: InstantRange;
}

/** What a page of calls is made of before the rows are read. */
export type CallKey = Pick<Call, 'sid' | 'date_created'>;

export const insertCall = (db: Kysely<Database>, call: Call) => db.insertInto('calls').values(call).execute();

export const findCall = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Call | undefined> =>
  db.selectFrom('calls').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

/**
 * Rows by SID through the primary key. The account is checked here rather than in SQL: with both in
 * the WHERE clause SQLite may prefer an account index and scan the whole account.
 */
export const findCalls = async (db: Kysely<Database>, accountSid: string, sids: readonly string[]): Promise<Call[]> => {
  if (sids.length === 0) return [];
  const rows = await db.selectFrom('calls').selectAll().where('sid', 'in', sids).execute();
  return rows.filter((call) => call.account_sid === accountSid);
};

export const updateCall = async (db: Kysely<Database>, sid: string, changes: Partial<Call>): Promise<void> => {
  await db.updateTable('calls').set(changes).where('sid', '=', sid).execute();
};

export const deleteCall = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('call_recording_callbacks').where('call_sid', '=', sid).execute();
    await trx.deleteFrom('calls').where('sid', '=', sid).execute();
  });
};

/**
 * The SIDs of one page, newest first, keyset-paged; reading only keys lets the query be answered
 * from the index, and the rows themselves come from findCalls or a cache. A call starts (and ends) no earlier than it was created, and starts at
 * most MAX_START_LAG_MS after; so time filters also bound `date_created`, which lets every filter
 * seek through an index that already has the list's order.
 */
export function listCallKeys(db: Kysely<Database>, accountSid: string, filters: CallFilters, page: PageQuery): Promise<PageRows<CallKey>> {
  // Each condition with the values it binds, in SQL order; which of them apply names the query's shape.
  const { startTime, endTime } = filters;
  const conditions: Array<[name: string, column: 'to' | 'from' | 'parent_call_sid' | 'status' | 'start_time' | 'end_time' | 'date_created', op: '=' | '>=' | '<=', value: string | number]> = [];
  if (filters.to !== undefined) conditions.push(['to', 'to', '=', filters.to]);
  if (filters.from !== undefined) conditions.push(['from', 'from', '=', filters.from]);
  if (filters.parentCallSid !== undefined) conditions.push(['parent', 'parent_call_sid', '=', filters.parentCallSid]);
  if (filters.status !== undefined) conditions.push(['status', 'status', '=', filters.status]);
  if (startTime.from !== undefined) conditions.push(['started>=', 'start_time', '>=', startTime.from], ['created>=', 'date_created', '>=', startTime.from - MAX_START_LAG_MS]);
  if (startTime.to !== undefined) conditions.push(['started<=', 'start_time', '<=', startTime.to], ['created<=', 'date_created', '<=', startTime.to]);
  if (endTime.from !== undefined) conditions.push(['ended>=', 'end_time', '>=', endTime.from]);
  if (endTime.to !== undefined) conditions.push(['ended<=', 'end_time', '<=', endTime.to], ['created<=', 'date_created', '<=', endTime.to]);
  const query = {
    shape: `call keys ${conditions.map(([name]) => name).join(',')}`,
    parameters: [accountSid, ...conditions.map(([, , , value]) => value)],
    build: () => conditions.reduce((q, [, column, op, value]) => q.where(column, op, value), db.selectFrom('calls').select(['sid', 'date_created']).where('account_sid', '=', accountSid)),
  };
  return shapedKeysetPage(db, query, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}
