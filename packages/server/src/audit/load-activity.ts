import type { Kysely } from 'kysely';
import { decodeCursor, encodeCursor } from '../api/2010-04-01/paging.ts';
import { one, parseUrlEncoded, type Params } from '../http/params.ts';
import { listActivity, type ActivityFilters, type ActivityScope, type ConnectActivity } from '../storage/repositories/connect-activity.ts';
import type { Database } from '../storage/schema.ts';
import { readActivityQuery } from './read-activity-filters.ts';
import { pricesOf } from './request-prices.ts';

const PAGE_SIZE = 50;

export interface ActivityPage {
  rows: ConnectActivity[];
  /** Price of what each row bought, by the bought resource's SID. */
  prices: Map<string, string>;
  /** The filters as the form shows them. */
  form: { status: string; method: string; resource: string; day: string };
  /** Query strings of the older and newer pages, filters kept. */
  older: string | null;
  newer: string | null;
}

/** A form sends empty fields for "any": they are no filter. */
const withoutEmpty = (params: Params): Params => new Map([...params].filter(([, values]) => values.some((v) => v !== '')));

const linkTo = (echoed: ReadonlyArray<[string, string]>, token: string): string =>
  `?${new URLSearchParams([...echoed, ['PageToken', token]]).toString()}`;

/** One page of the trail for a Console page, newest first, filtered by the page's query string and by `fixed`. */
export async function loadActivityPage(db: Kysely<Database>, scope: ActivityScope, search: string, fixed: ActivityFilters = {}): Promise<ActivityPage> {
  const query = withoutEmpty(parseUrlEncoded(search.replace(/^\?/, '')));
  const { filters, echoed } = readActivityQuery(query);
  const token = one(query, 'PageToken');
  const result = await listActivity(db, scope, { ...filters, ...fixed }, { pageSize: PAGE_SIZE, cursor: token ? decodeCursor(token) : null });
  const first = result.rows[0];
  const last = result.rows[result.rows.length - 1];
  return {
    rows: result.rows,
    prices: await pricesOf(db, result.rows.map((r) => r.resource_sid)),
    form: { status: one(query, 'Status') ?? '', method: one(query, 'Method') ?? '', resource: one(query, 'Resource') ?? '', day: one(query, 'Day') ?? '' },
    older: result.hasNext && last ? linkTo(echoed, encodeCursor({ direction: 'after', created: last.date_created, key: last.sid })) : null,
    newer: result.hasPrevious && first ? linkTo(echoed, encodeCursor({ direction: 'before', created: first.date_created, key: first.sid })) : null,
  };
}
