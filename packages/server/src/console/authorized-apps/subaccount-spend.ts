import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { USAGE_CATEGORIES, type UsageCategory } from '../../telephony/usage-categories.ts';

export interface SpendLine {
  day: string;
  category: string;
  description: string;
  count: number;
  priceMicros: number;
}

/**
 * What an app spent in its Connect subaccount, from the usage records the customer is billed by:
 * per day and category, newest day first.
 */
export async function subaccountSpend(db: Kysely<Database>, subaccountSid: string): Promise<SpendLine[]> {
  const rows = await db
    .selectFrom('usage_daily')
    .select(['day', 'category', 'count', 'price_micros'])
    .where('account_sid', '=', subaccountSid)
    .where('price_micros', '>', 0)
    .orderBy('day', 'desc')
    .orderBy('category')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    category: r.category,
    description: USAGE_CATEGORIES[r.category as UsageCategory]?.description ?? r.category,
    count: Number(r.count),
    priceMicros: Number(r.price_micros),
  }));
}

/** The same lines summed per category, largest first. */
export function spendByCategory(lines: readonly SpendLine[]): Array<{ description: string; count: number; priceMicros: number }> {
  const sums = new Map<string, { description: string; count: number; priceMicros: number }>();
  for (const line of lines) {
    const sum = sums.get(line.category) ?? { description: line.description, count: 0, priceMicros: 0 };
    sum.count += line.count;
    sum.priceMicros += line.priceMicros;
    sums.set(line.category, sum);
  }
  return [...sums.values()].sort((a, b) => b.priceMicros - a.priceMicros);
}
