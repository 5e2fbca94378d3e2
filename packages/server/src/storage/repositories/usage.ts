import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.ts';

/** Whose usage: one account, or a top-level account with all its subaccounts. */
export interface UsageScope {
  accountSid: string;
  withSubaccounts: boolean;
}

export type UsageGrouping = 'none' | 'day' | 'month' | 'year';

export interface UsageSum {
  /** `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `''` when not grouped by period. */
  period: string;
  category: string;
  count: number;
  usage: number;
  priceMicros: number;
}

const day = sql.ref('day');
const PERIOD: Record<UsageGrouping, RawBuilder<string> | null> = {
  none: null,
  day: sql<string>`${day}`,
  month: sql<string>`substr(${day}, 1, 7)`,
  year: sql<string>`substr(${day}, 1, 4)`,
};

const familyOf = (db: Kysely<Database>, topSid: string) =>
  db.selectFrom('accounts').select('sid').where((eb) => eb.or([eb('sid', '=', topSid), eb('parent_sid', '=', topSid)]));

/**
 * Usage between two UTC days (inclusive) per period and leaf category, summed in SQL from the
 * daily roll-up; periods and categories without usage are absent.
 */
export async function sumUsage(
  db: Kysely<Database>,
  scope: UsageScope,
  range: { from: string; to: string },
  grouping: UsageGrouping,
  categories: readonly string[],
): Promise<UsageSum[]> {
  const period = PERIOD[grouping];
  let q = db
    .selectFrom('usage_daily')
    .select((eb) => [
      (period ?? sql<string>`''`).as('period'),
      'category',
      eb.fn.sum<number | string>('count').as('count'),
      eb.fn.sum<number | string>('usage').as('usage'),
      eb.fn.sum<number | string>('price_micros').as('price_micros'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .where('category', 'in', categories);
  q = scope.withSubaccounts ? q.where('account_sid', 'in', familyOf(db, scope.accountSid)) : q.where('account_sid', '=', scope.accountSid);
  const rows = await (period ? q.groupBy([period, 'category']) : q.groupBy('category')).execute();
  // PostgreSQL sums bigints as numeric, which pg hands over as strings.
  return rows.map((r) => ({ period: r.period, category: r.category, count: Number(r.count), usage: Number(r.usage), priceMicros: Number(r.price_micros) }));
}

/** Every price ever recorded in a top-level account and its subaccounts, in millionths of a dollar. */
export async function familyPriceMicros(db: Kysely<Database>, topSid: string): Promise<number> {
  const { total } = await db
    .selectFrom('usage_daily')
    .select((eb) => eb.fn.sum<number | string | null>('price_micros').as('total'))
    .where('account_sid', 'in', familyOf(db, topSid))
    .executeTakeFirstOrThrow();
  return Number(total ?? 0);
}

/** The first UTC day (`YYYY-MM-DD`) with usage in scope, or null when there is none. */
export async function firstUsageDay(db: Kysely<Database>, scope: UsageScope): Promise<string | null> {
  let q = db.selectFrom('usage_daily').select((eb) => eb.fn.min<string | null>('day').as('first'));
  q = scope.withSubaccounts ? q.where('account_sid', 'in', familyOf(db, scope.accountSid)) : q.where('account_sid', '=', scope.accountSid);
  return (await q.executeTakeFirst())?.first ?? null;
}

/** What each account of a family has spent, in millionths of a dollar, from `fromDay` (inclusive) on. */
export async function spendByAccount(db: Kysely<Database>, topSid: string, fromDay: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('usage_daily')
    .select((eb) => ['account_sid', eb.fn.sum<number | string>('price_micros').as('total')])
    .where('account_sid', 'in', familyOf(db, topSid))
    .where('day', '>=', fromDay)
    .groupBy('account_sid')
    .execute();
  return new Map(rows.map((r) => [r.account_sid, Number(r.total)]));
}
