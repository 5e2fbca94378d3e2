/** Relative call volume by UTC hour: quiet nights, a morning ramp, a lunch dip, an afternoon peak. */
const HOURLY = [1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 19, 17, 13, 15, 18, 19, 17, 13, 9, 6, 4, 3, 2, 1];
const TOTAL = HOURLY.reduce((a, b) => a + b, 0);
/** Weekends carry a third of a weekday's traffic. */
const WEEKEND_SHARE = 1 / 3;

const hourFor = (u: number): number => {
  let acc = 0;
  for (let h = 0; h < 24; h++) {
    acc += HOURLY[h]! / TOTAL;
    if (u < acc) return h;
  }
  return 23;
};

/**
 * An instant within the `days` days before `now`, shaped like a business's real activity. Draws
 * until it lands on a weekday, or on a weekend day with WEEKEND_SHARE probability.
 */
export function activityInstant(random: () => number, now: number, days: number): number {
  const dayMs = 86_400_000;
  const firstDay = Math.floor(now / dayMs) - days + 1;
  for (;;) {
    const day = firstDay + Math.floor(random() * days);
    const weekday = new Date(day * dayMs).getUTCDay();
    if ((weekday === 0 || weekday === 6) && random() > WEEKEND_SHARE) continue;
    const at = day * dayMs + hourFor(random()) * 3_600_000 + Math.floor(random() * 3_600_000);
    if (at <= now) return at;
  }
}

/**
 * `count` such instants in time order. Seeded rows written oldest first land at the end of every
 * index ordered by time, instead of at random places in it: a million rows load several times faster.
 */
export function sortedActivityInstants(random: () => number, count: number, now: number, days: number): Float64Array {
  const instants = new Float64Array(count);
  for (let i = 0; i < count; i++) instants[i] = activityInstant(random, now, days);
  return instants.sort();
}
