import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { addUsageRows, priceMicros, utcDay } from '../record-usage.ts';
import type { UsageCategory } from '../usage-categories.ts';

/** Sums seeded usage in memory per account, day and category, then writes it in one pass. */
export class UsageTally {
  private readonly totals = new Map<string, { account_sid: string; day: string; category: UsageCategory; count: number; usage: number }>();

  add(accountSid: string, at: number, category: UsageCategory, count: number, usage: number): void {
    const day = utcDay(at);
    const key = `${accountSid}|${day}|${category}`;
    const total = this.totals.get(key);
    if (total) {
      total.count += count;
      total.usage += usage;
    } else this.totals.set(key, { account_sid: accountSid, day, category, count, usage });
  }

  /** Writes the totals; returns what they cost, in millionths of a dollar. */
  async flush(db: Kysely<Database>): Promise<number> {
    const rows = [...this.totals.values()].map((t) => ({ ...t, price_micros: priceMicros(t.category, t.usage) }));
    await addUsageRows(db, rows);
    this.totals.clear();
    return rows.reduce((sum, row) => sum + row.price_micros, 0);
  }
}
