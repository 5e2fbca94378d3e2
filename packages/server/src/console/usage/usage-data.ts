import type { Kysely } from 'kysely';
import { familyBalanceMicros, STARTING_CREDIT_MICROS } from '../../api/2010-04-01/balance/balance.ts';
import type { Account } from '../../storage/repositories/accounts.ts';
import { listCredits } from '../../storage/repositories/balance-credits.ts';
import { firstUsageDay, spendByAccount, sumUsage, type UsageScope, type UsageSum } from '../../storage/repositories/usage.ts';
import type { Database } from '../../storage/schema.ts';
import { USAGE_CATEGORIES, type UsageCategory } from '../../telephony/usage-categories.ts';

const DAY_MS = 86_400_000;
export const DAYS_CHARTED = 30;
export const MONTHS_CHARTED = 12;
const LEAVES = Object.keys(USAGE_CATEGORIES) as UsageCategory[];
/** Credits listed beside the balance; older ones still count in it. */
const CREDITS_LISTED = 100;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The last `count` months up to the one `today` is in, oldest first: `YYYY-MM`. */
function lastMonths(today: number, count: number): string[] {
  const d = new Date(today);
  return Array.from({ length: count }, (_, i) => isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (count - 1 - i), 1)).slice(0, 7));
}

export interface CategorySeries {
  category: UsageCategory;
  /** One value per period, in the order of the periods. */
  usage: number[];
  priceMicros: number;
}

/** Per leaf category, the usage in each period; categories with none in any period are left out. */
function series(sums: readonly UsageSum[], periods: readonly string[]): CategorySeries[] {
  return LEAVES.flatMap((category) => {
    const mine = sums.filter((s) => s.category === category);
    if (mine.length === 0) return [];
    const usage = periods.map((p) => mine.filter((s) => s.period === p).reduce((sum, s) => sum + s.usage, 0));
    return [{ category, usage, priceMicros: mine.reduce((sum, s) => sum + s.priceMicros, 0) }];
  });
}

export interface UsageCharts {
  days: string[];
  daily: CategorySeries[];
  months: string[];
  monthly: CategorySeries[];
}

export async function loadCharts(db: Kysely<Database>, scope: UsageScope, now: number): Promise<UsageCharts> {
  const days = Array.from({ length: DAYS_CHARTED }, (_, i) => isoDay(now - (DAYS_CHARTED - 1 - i) * DAY_MS));
  const months = lastMonths(now, MONTHS_CHARTED);
  const [daySums, monthSums] = await Promise.all([
    sumUsage(db, scope, { from: days[0]!, to: days.at(-1)! }, 'day', LEAVES),
    sumUsage(db, scope, { from: `${months[0]}-01`, to: days.at(-1)! }, 'month', LEAVES),
  ]);
  return { days, daily: series(daySums, days), months, monthly: series(monthSums, months) };
}

/** One thing that changed the balance: a credit (positive) or a month's usage (negative). */
export interface BalanceChange {
  at: number;
  what: string;
  micros: number;
}

export interface BalanceView {
  micros: number;
  changes: BalanceChange[];
}

/** The family's balance and what made it: the starting credit, credits added, and usage month by month. */
export async function loadBalance(db: Kysely<Database>, top: Account, now: number): Promise<BalanceView> {
  const first = (await firstUsageDay(db, { accountSid: top.sid, withSubaccounts: true })) ?? isoDay(now);
  const [micros, credits, monthly] = await Promise.all([
    familyBalanceMicros(db, top),
    listCredits(db, top.sid, CREDITS_LISTED),
    sumUsage(db, { accountSid: top.sid, withSubaccounts: true }, { from: first, to: isoDay(now) }, 'month', LEAVES),
  ]);
  const debits = new Map<string, number>();
  for (const s of monthly) debits.set(s.period, (debits.get(s.period) ?? 0) + s.priceMicros);
  const changes: BalanceChange[] = [
    { at: top.date_created, what: `Starting credit (${top.type} account)`, micros: STARTING_CREDIT_MICROS[top.type] },
    ...credits.map((c) => ({ at: c.date_created, what: `Credit: ${c.reason}`, micros: c.micros })),
    ...[...debits].filter(([, m]) => m !== 0).map(([month, m]) => ({ at: Date.parse(`${month}-01T00:00:00Z`), what: `Usage in ${month}`, micros: -m })),
  ];
  return { micros, changes: changes.sort((a, b) => b.at - a.at) };
}

/** Each account's spend this month and in all, so a Connect App's spend shows apart from the user's own. */
export async function loadSpend(db: Kysely<Database>, topSid: string, now: number): Promise<{ month: Map<string, number>; all: Map<string, number> }> {
  const [month, all] = await Promise.all([spendByAccount(db, topSid, `${isoDay(now).slice(0, 7)}-01`), spendByAccount(db, topSid, '0000-00-00')]);
  return { month, all };
}
