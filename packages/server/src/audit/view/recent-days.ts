import type { DailyActivity } from '../../storage/repositories/connect-activity.ts';

const DAY_MS = 86_400_000;

/** The last `count` UTC days up to the one `now` falls in, oldest first, and the instant the first begins. */
export function recentDays(now: number, count: number): { days: string[]; from: number } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const from = today - (count - 1) * DAY_MS;
  return { days: Array.from({ length: count }, (_, i) => new Date(from + i * DAY_MS).toISOString().slice(0, 10)), from };
}

/** One figure per day from the sums SQL returned, zero where a day had no requests. */
export const perDay = (days: readonly string[], sums: readonly DailyActivity[], pick: (d: DailyActivity) => number): number[] => {
  const byDay = new Map(sums.map((s) => [s.day, s]));
  return days.map((day) => {
    const sum = byDay.get(day);
    return sum ? pick(sum) : 0;
  });
};
