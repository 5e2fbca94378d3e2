import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { addUsageRows, utcDay } from '../record-usage.ts';
import { priceMicros, type UsageCategory } from '../usage-categories.ts';

const DAY_MS = 86_400_000;

/** Sums seeded usage in memory per account, day and category, then writes it in one pass. */
export class UsageTally {
  private readonly totals = new Map<string, { account_sid: string; day: string; category: UsageCategory; count: number; usage: number }>();

  /** The last day formatted, and the instants it spans: seeded rows come in time order, so most fall on it. */
  private dayText = '';
  private dayStart = 0;
  private dayEnd = 0;

  add(accountSid: string, at: number, category: UsageCategory, count: number, usage: number): void {
    const day = this.dayOf(at);
    const key = `${accountSid}|${day}|${category}`;
    const total = this.totals.get(key);
    if (total) {
      total.count += count;
      total.usage += usage;
    } else this.totals.set(key, { account_sid: accountSid, day, category, count, usage });
  }

  private dayOf(at: number): string {
    if (at < this.dayStart || at >= this.dayEnd) {
      this.dayText = utcDay(at);
      this.dayStart = at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
      this.dayEnd = this.dayStart + DAY_MS;
    }
    return this.dayText;
  }

  /** Writes the totals; returns what they cost, in millionths of a dollar. */
  async flush(db: Kysely<Database>): Promise<number> {
    const rows = [...this.totals.values()].map((t) => ({ ...t, price_micros: priceMicros(t.category, t.usage) }));
    await addUsageRows(db, rows);
    this.totals.clear();
    return rows.reduce((sum, row) => sum + row.price_micros, 0);
  }
}
