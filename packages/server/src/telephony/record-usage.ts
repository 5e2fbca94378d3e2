import { sql, type Kysely, type OnConflictBuilder } from 'kysely';
import type { Database, UsageDailyTable } from '../storage/schema.ts';
import { priceMicros, type UsageCategory } from './usage-categories.ts';
import { fireUsageTriggers } from './usage-triggers/fire-usage-triggers.ts';

export interface UsageEvent {
  /** The account the usage happened in (a Connect subaccount, say); its top-level account pays. */
  accountSid: string;
  category: UsageCategory;
  count: number;
  /** In the category's usage unit (minutes, messages, numbers). */
  usage: number;
  at: number;
}

const DAY_MS = 86_400_000;
/** The last day asked for: every audited request asks for its own instant's day, and nearly all fall on today. */
let lastDay = { start: 0, end: 0, day: '' };

/** The UTC day of an instant in epoch milliseconds, `YYYY-MM-DD`. */
export const utcDay = (epochMs: number): string => {
  if (epochMs >= lastDay.start && epochMs < lastDay.end) return lastDay.day;
  const start = Math.floor(epochMs / DAY_MS) * DAY_MS;
  lastDay = { start, end: start + DAY_MS, day: new Date(start).toISOString().slice(0, 10) };
  return lastDay.day;
};

/** For an insert into the daily roll-up: a row for a day that has one already adds to it. */
export const addingToTheDay = (oc: OnConflictBuilder<Database, 'usage_daily'>) =>
  oc.columns(['account_sid', 'day', 'category']).doUpdateSet({
    count: sql`usage_daily.count + excluded.count`,
    usage: sql`usage_daily.usage + excluded.usage`,
    price_micros: sql`usage_daily.price_micros + excluded.price_micros`,
  });

/** Adds rows to the daily roll-up, summing into rows that already exist. */
export async function addUsageRows(db: Kysely<Database>, rows: UsageDailyTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('usage_daily').values(rows.slice(i, i + 500)).onConflict(addingToTheDay).execute();
  }
}

/**
 * Adds usage to the account's daily roll-up and fires the usage triggers it reaches; call it in the
 * transaction that does the billable thing.
 */
export async function recordUsage(db: Kysely<Database>, event: UsageEvent): Promise<number> {
  const price = priceMicros(event.category, event.usage);
  await addUsageRows(db, [{ account_sid: event.accountSid, day: utcDay(event.at), category: event.category, count: event.count, usage: event.usage, price_micros: price }]);
  await fireUsageTriggers(db, event);
  return price;
}
