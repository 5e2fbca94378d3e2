import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { Account } from '../../../storage/repositories/accounts.ts';
import { firstUsageDay } from '../../../storage/repositories/usage.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { readFlag } from '../query-filters.ts';
import { ok, type ApiRoute } from '../route.ts';
import { readCategories } from './categories.ts';
import { dayOf, firstOfMonth, isoDay, readDay, type Day, type DayRange, type Granularity } from './periods.ts';
import { asOf, serializeUsageRecord, USAGE_SUBRESOURCES } from './serialize.ts';
import { USAGE_CURSOR_KEY, usagePage } from './usage-page.ts';

const FILTERS = ['Category', 'StartDate', 'EndDate', 'IncludeSubaccounts'] as const;

interface UsageList {
  /** After `/Usage/Records`: '' or `/Daily` and so on. */
  segment: string;
  granularity: Granularity;
  /** The subresources that always cover one fixed period: StartDate/EndDate narrow it. */
  fixed?: (today: Day) => DayRange;
}

const LISTS: UsageList[] = [
  { segment: '', granularity: 'all' },
  { segment: `/${USAGE_SUBRESOURCES.all_time}`, granularity: 'all' },
  { segment: `/${USAGE_SUBRESOURCES.daily}`, granularity: 'day' },
  { segment: `/${USAGE_SUBRESOURCES.monthly}`, granularity: 'month' },
  { segment: `/${USAGE_SUBRESOURCES.yearly}`, granularity: 'year' },
  { segment: `/${USAGE_SUBRESOURCES.this_month}`, granularity: 'all', fixed: (t) => ({ start: firstOfMonth(t), end: t }) },
  { segment: `/${USAGE_SUBRESOURCES.last_month}`, granularity: 'all', fixed: (t) => ({ start: firstOfMonth(firstOfMonth(t) - 1), end: firstOfMonth(t) - 1 }) },
  { segment: `/${USAGE_SUBRESOURCES.today}`, granularity: 'all', fixed: (t) => ({ start: t, end: t }) },
  { segment: `/${USAGE_SUBRESOURCES.yesterday}`, granularity: 'all', fixed: (t) => ({ start: t - 1, end: t - 1 }) },
];

/**
 * The days a list covers. Open-ended lists run from the account's creation (or its first usage, when
 * earlier: imported or seeded history) to today unless StartDate/EndDate say otherwise, so AllTime
 * holds every other period; fixed ones (Today, ThisMonth…) are only narrowed by them.
 */
function readRange(query: Params, list: UsageList, today: Day, account: Account, firstUsage: string | null): DayRange {
  const startRaw = one(query, 'StartDate');
  const endRaw = one(query, 'EndDate');
  const start = startRaw === undefined ? undefined : readDay('StartDate', startRaw, today);
  const end = endRaw === undefined ? undefined : readDay('EndDate', endRaw, today);
  if (start !== undefined && end !== undefined && start > end) {
    throw invalidParameter(`StartDate ${isoDay(start)} is after EndDate ${isoDay(end)}.`);
  }
  if (list.fixed) {
    const period = list.fixed(today);
    return { start: Math.max(period.start, start ?? period.start), end: Math.min(period.end, end ?? period.end) };
  }
  const created = dayOf(account.date_created);
  const first = firstUsage === null ? created : Math.min(created, readDay('first usage', firstUsage, today));
  return { start: start ?? first, end: end ?? today };
}

const route = (list: UsageList): ApiRoute => ({
  method: 'GET',
  path: `/Accounts/:AccountSid/Usage/Records${list.segment}`,
  query: [...FILTERS, ...PAGING_PARAMS],
  async handle({ deps, target, query, now }) {
    const request = readPageRequest(query);
    const categories = readCategories(one(query, 'Category'));
    // A subaccount has no subaccounts: the flag matters only for top-level accounts.
    const scope = { accountSid: target.sid, withSubaccounts: readFlag(query, 'IncludeSubaccounts', true) && target.parent_sid === null };
    const range = readRange(query, list, dayOf(now), target, list.fixed || query.has('StartDate') ? null : await firstUsageDay(deps.db, scope));
    const result = await usagePage(deps.db, { scope, categories, granularity: list.granularity, range }, request);
    const path = `/Accounts/${target.sid}/Usage/Records${list.segment}`;
    const asOfText = asOf(now);
    return ok(
      listEnvelope({
        key: 'usage_records',
        path,
        filters: FILTERS.flatMap((name) => query.get(name)?.slice(0, 1).map((value) => [name, value] as const) ?? []),
        request,
        result,
        serialize: (row) => serializeUsageRecord(row, target.sid, path, asOfText),
        cursorOf: (row) => ({ created: row.ordinal, key: USAGE_CURSOR_KEY }),
      }),
    );
  },
});

export const usageRoutes: ApiRoute[] = LISTS.map(route);
