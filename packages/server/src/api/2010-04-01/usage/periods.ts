import { invalidParameter } from '../../../errors/twilio-error.ts';

/** A UTC calendar day as a count of days since 1970-01-01, so ranges are plain arithmetic. */
export type Day = number;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE = /^([+-])(\d{1,6})days$/;
const FIRST_DAY = dayOf(new Date(0).setUTCFullYear(1, 0, 1));
const LAST_DAY = dayOf(Date.UTC(9999, 11, 31));

export function dayOf(epochMs: number): Day {
  return Math.floor(epochMs / DAY_MS);
}

/** `YYYY-MM-DD`. */
export const isoDay = (day: Day): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * A date parameter as Twilio takes it: `YYYY-MM-DD`, or days from today like `-30days` / `+7days`.
 * Anything else, or a day that does not exist (2023-02-29), is a 400.
 */
export function readDay(name: string, raw: string, today: Day): Day {
  const relative = RELATIVE.exec(raw);
  let day: Day | undefined;
  if (relative) {
    day = today + (relative[1] === '-' ? -1 : 1) * Number(relative[2]);
  } else {
    const m = DATE.exec(raw);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(0);
      date.setUTCFullYear(y, mo - 1, d);
      if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) day = dayOf(date.getTime());
    }
  }
  if (day === undefined || day < FIRST_DAY || day > LAST_DAY) {
    throw invalidParameter(`${name} '${raw}' is not a date. Use YYYY-MM-DD (in GMT), or an offset from today such as -30days or +7days.`);
  }
  return day;
}

/** An inclusive range of days; empty when `start > end`. */
export interface DayRange {
  start: Day;
  end: Day;
}

export type Granularity = 'all' | 'day' | 'month' | 'year';

const ymd = (day: Day) => {
  const d = new Date(day * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() };
};
const monthIndex = (day: Day) => {
  const { y, m } = ymd(day);
  return y * 12 + m;
};
const firstOfMonthIndex = (index: number): Day => {
  const date = new Date(0);
  date.setUTCFullYear(Math.floor(index / 12), index % 12, 1);
  return dayOf(date.getTime());
};

export const firstOfMonth = (day: Day): Day => firstOfMonthIndex(monthIndex(day));
export const lastOfMonth = (day: Day): Day => firstOfMonthIndex(monthIndex(day) + 1) - 1;

/** How many periods of the granularity the range touches. */
export function periodCount(granularity: Granularity, { start, end }: DayRange): number {
  if (start > end) return 0;
  switch (granularity) {
    case 'all':
      return 1;
    case 'day':
      return end - start + 1;
    case 'month':
      return monthIndex(end) - monthIndex(start) + 1;
    case 'year':
      return ymd(end).y - ymd(start).y + 1;
  }
}

/** The i-th period (0-based) of the range, clipped to the range. */
export function periodAt(granularity: Granularity, range: DayRange, i: number): DayRange {
  switch (granularity) {
    case 'all':
      return range;
    case 'day':
      return { start: range.start + i, end: range.start + i };
    case 'month': {
      const index = monthIndex(range.start) + i;
      return { start: Math.max(range.start, firstOfMonthIndex(index)), end: Math.min(range.end, firstOfMonthIndex(index + 1) - 1) };
    }
    case 'year': {
      const year = ymd(range.start).y + i;
      return { start: Math.max(range.start, firstOfMonthIndex(year * 12)), end: Math.min(range.end, firstOfMonthIndex((year + 1) * 12) - 1) };
    }
  }
}

/** The period's key as SQL groups it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `''` for one period. */
export function periodKey(granularity: Granularity, period: DayRange): string {
  const iso = isoDay(period.start);
  return granularity === 'day' ? iso : granularity === 'month' ? iso.slice(0, 7) : granularity === 'year' ? iso.slice(0, 4) : '';
}
