import type { Kysely } from 'kysely';
import { MAX_START_LAG_MS } from '../../telephony/call-lifecycle.ts';
import { shapedKeysetItems, shapedKeysetPage, type PageItems, type PageQuery, type PageRows, type ShapedQuery } from '../keyset-page.ts';
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

/** The columns a call's API JSON is made of: a page reads these and none of the large ones (TwiML, the conversation). */
export const LISTED_CALL_COLUMNS = [
  'sid', 'date_created', 'date_updated', 'parent_call_sid', 'account_sid', 'to', 'from', 'phone_number_sid', 'status', 'start_time',
  'end_time', 'duration', 'price', 'direction', 'answered_by', 'forwarded_from', 'caller_name', 'queue_time',
] as const;

/** A call as a list shows it. */
export type ListedCall = Pick<Call, (typeof LISTED_CALL_COLUMNS)[number]>;

export const insertCall = (db: Kysely<Database>, call: Call) => db.insertInto('calls').values(call).execute();

export const findCall = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Call | undefined> =>
  db.selectFrom('calls').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

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
 * One page of calls, newest first, keyset-paged through the index that has the list's order, with
 * only the columns the API shows. A call starts (and ends) no earlier than it was created, and starts at
 * most MAX_START_LAG_MS after; so time filters also bound `date_created`, which lets every filter
 * seek through an index that already has the list's order.
 */
export function listCalls(db: Kysely<Database>, accountSid: string, filters: CallFilters, page: PageQuery): Promise<PageRows<ListedCall>> {
  return shapedKeysetPage(db, callsQuery(db, accountSid, filters), CALLS_ORDER, page);
}

/** The same page as listCalls, as its calls' JSON (`items`) and their places in the list. */
export function listCallItems(db: Kysely<Database>, accountSid: string, filters: CallFilters, page: PageQuery, items: PageItems<ListedCall>, now: number) {
  return shapedKeysetItems(db, callsQuery(db, accountSid, filters), CALLS_ORDER, page, items, now);
}

const CALLS_ORDER = { created: 'date_created', key: 'sid', order: 'desc' } as const;

function callsQuery(db: Kysely<Database>, accountSid: string, filters: CallFilters): ShapedQuery<ListedCall> {
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
  return {
    shape: `listed calls ${conditions.map(([name]) => name).join(',')}`,
    parameters: [accountSid, ...conditions.map(([, , , value]) => value)],
    onePlan: conditions.length === 0 || (conditions.length === 1 && conditions[0]![2] === '='),
    build: () => conditions.reduce((q, [, column, op, value]) => q.where(column, op, value), db.selectFrom('calls').select(LISTED_CALL_COLUMNS).where('account_sid', '=', accountSid)),
  };
}
