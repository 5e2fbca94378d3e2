import type { Kysely } from 'kysely';
import { invalidParameter } from '../../../errors/twilio-error.ts';
import type { PageRows } from '../../../storage/keyset-page.ts';
import { sumUsage, type UsageScope, type UsageSum } from '../../../storage/repositories/usage.ts';
import type { Database } from '../../../storage/schema.ts';
import type { PageRequest } from '../paging.ts';
import type { ReportedCategory } from './categories.ts';
import { isoDay, periodAt, periodCount, periodKey, type DayRange, type Granularity } from './periods.ts';

export interface UsageQuery {
  scope: UsageScope;
  categories: readonly ReportedCategory[];
  granularity: Granularity;
  range: DayRange;
}

export interface UsageRow {
  /** Position in the whole list: the page cursor. */
  ordinal: number;
  category: ReportedCategory;
  period: DayRange;
  count: number;
  usage: number;
  priceMicros: number;
}

/** The cursor key of usage pages; their cursor's `created` is a row's ordinal. */
export const USAGE_CURSOR_KEY = 'usage';

const SQL_GROUPING = { all: 'none', day: 'day', month: 'month', year: 'year' } as const;

/**
 * One page of the list: every period of the range × every category, in period then category
 * order, zeros included, as Twilio lists unused categories. The list is virtual, so a page is
 * computed from its first ordinal and costs one grouped query over just its own periods.
 */
export async function usagePage(db: Kysely<Database>, query: UsageQuery, request: PageRequest): Promise<PageRows<UsageRow>> {
  const { categories, granularity, range } = query;
  const perPeriod = categories.length;
  const total = periodCount(granularity, range) * perPeriod;
  const { cursor, pageSize, offset = 0 } = request;
  if (cursor && (cursor.key !== USAGE_CURSOR_KEY || cursor.created < 0)) {
    throw invalidParameter('PageToken is not valid for this list. Use the next_page_uri or previous_page_uri of a list response as it is.');
  }
  let first = cursor ? 0 : offset;
  let end = Math.min(total, first + pageSize);
  if (cursor?.direction === 'after') {
    first = cursor.created + 1;
    end = Math.min(total, first + pageSize);
  } else if (cursor?.direction === 'before') {
    end = Math.min(total, cursor.created);
    first = Math.max(0, end - pageSize);
  }
  if (first >= end) return { rows: [], hasNext: false, hasPrevious: first > 0 };

  const firstPeriod = periodAt(granularity, range, Math.floor(first / perPeriod));
  const lastPeriod = periodAt(granularity, range, Math.floor((end - 1) / perPeriod));
  const leaves = [...new Set(categories.flatMap((c) => c.leaves))];
  const sums = await sumUsage(db, query.scope, { from: isoDay(firstPeriod.start), to: isoDay(lastPeriod.end) }, SQL_GROUPING[granularity], leaves);
  const byKey = new Map<string, UsageSum>(sums.map((s) => [`${s.period}|${s.category}`, s]));

  const rows: UsageRow[] = [];
  for (let ordinal = first; ordinal < end; ordinal++) {
    const category = categories[ordinal % perPeriod]!;
    const period = periodAt(granularity, range, Math.floor(ordinal / perPeriod));
    const key = periodKey(granularity, period);
    const row: UsageRow = { ordinal, category, period, count: 0, usage: 0, priceMicros: 0 };
    for (const leaf of category.leaves) {
      const sum = byKey.get(`${key}|${leaf}`);
      if (!sum) continue;
      row.count += sum.count;
      row.usage += sum.usage;
      row.priceMicros += sum.priceMicros;
    }
    rows.push(row);
  }
  return { rows, hasNext: end < total, hasPrevious: first > 0 };
}
