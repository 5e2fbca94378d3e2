import type { Kysely } from 'kysely';
import { decimalFromMicros } from '../../api/2010-04-01/usage/money.ts';
import type { UsageTrigger } from '../../storage/repositories/usage-triggers.ts';
import { sumUsage } from '../../storage/repositories/usage.ts';
import type { Database } from '../../storage/schema.ts';
import { utcDay } from '../record-usage.ts';
import { ROLLUP_CATEGORIES, USAGE_CATEGORIES, type UsageCategory } from '../usage-categories.ts';

/** Every category a trigger may watch: the leaves Switchboard records and Twilio's roll-ups of them. */
export const TRIGGER_CATEGORIES: readonly string[] = [...Object.keys(USAGE_CATEGORIES), ...Object.keys(ROLLUP_CATEGORIES)].sort();

export const leavesOf = (category: string): readonly UsageCategory[] =>
  category in USAGE_CATEGORIES ? [category as UsageCategory] : (ROLLUP_CATEGORIES[category]?.leaves ?? []);

/** The categories whose triggers a usage record of `leaf` moves: itself and every roll-up containing it. */
export const categoriesMovedBy = (leaf: UsageCategory): string[] => [
  leaf,
  ...Object.entries(ROLLUP_CATEGORIES).filter(([, rollup]) => rollup.leaves.includes(leaf)).map(([name]) => name),
];

export interface TriggerPeriod {
  /** First and last UTC day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** When the period began, epoch ms (0 for all time). */
  startsAt: number;
}

/** The period of a trigger's `recurring` that contains `at`: a UTC day, month or year, or all time. */
export function periodOf(recurring: UsageTrigger['recurring'], at: number): TriggerPeriod {
  const day = utcDay(at);
  const bounds: Record<UsageTrigger['recurring'], [string, string]> = {
    daily: [day, day],
    monthly: [`${day.slice(0, 7)}-01`, `${day.slice(0, 7)}-31`],
    yearly: [`${day.slice(0, 4)}-01-01`, `${day.slice(0, 4)}-12-31`],
    alltime: ['0000-01-01', '9999-12-31'],
  };
  const [from, to] = bounds[recurring];
  return { from, to, startsAt: recurring === 'alltime' ? 0 : Date.parse(`${from}T00:00:00Z`) };
}

/** What the trigger measures over `period`: a count, a usage amount, or a price in dollars (`totalprice` usage is its price). */
export async function measure(db: Kysely<Database>, trigger: UsageTrigger, period: TriggerPeriod): Promise<{ value: number; text: string }> {
  const sums = await sumUsage(db, { accountSid: trigger.account_sid, withSubaccounts: false }, period, 'none', leavesOf(trigger.usage_category));
  const total = (field: 'count' | 'usage' | 'priceMicros') => sums.reduce((sum, row) => sum + row[field], 0);
  const byPrice = trigger.trigger_by === 'price' || (trigger.trigger_by === 'usage' && trigger.usage_category === 'totalprice');
  if (byPrice) {
    const micros = total('priceMicros');
    return { value: micros / 1_000_000, text: decimalFromMicros(micros) };
  }
  const value = total(trigger.trigger_by === 'count' ? 'count' : 'usage');
  return { value, text: String(value) };
}
