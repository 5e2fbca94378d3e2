import { invalidParameter } from '../../errors/twilio-error.ts';
import { one, type Params } from '../../http/params.ts';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An instant range [from, to] in epoch ms; either end may be open. */
export interface InstantRange {
  from?: number;
  to?: number;
}

function parse(name: string, raw: string): { start: number; dayOnly: boolean } {
  const dayOnly = DATE_ONLY.test(raw);
  const start = dayOnly ? Date.parse(`${raw}T00:00:00Z`) : DATE_TIME.test(raw) ? Date.parse(raw) : NaN;
  // Date.parse rolls 2024-02-30 over into March; a real calendar day reads back the same.
  const realDay = Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) === raw.slice(0, 10) || !dayOnly;
  if (Number.isNaN(start) || !realDay) {
    throw invalidParameter(`${name} '${raw}' is not a date. Use YYYY-MM-DD or an ISO 8601 date-time such as 2024-01-31T12:00:00Z.`);
  }
  return { start, dayOnly };
}

/**
 * Twilio's date filters: `X=day` (that UTC day, also when given as a date-time), `X>=…` (on or after), `X<=…` (on or before).
 * A bare date on `<` includes the whole day.
 */
export function readDateRange(query: Params, name: string): { range: InstantRange; echoed: Array<[string, string]> } {
  const range: InstantRange = {};
  const echoed: Array<[string, string]> = [];
  const exact = one(query, name);
  const after = one(query, `${name}>`);
  const before = one(query, `${name}<`);
  if (exact !== undefined) {
    // twilio-node sends `DateSent=2024-03-05T00:00:00Z` for a date: an exact filter means that UTC day.
    const day = Math.floor(parse(name, exact).start / DAY_MS) * DAY_MS;
    range.from = day;
    range.to = day + DAY_MS - 1;
    echoed.push([name, exact]);
  }
  if (after !== undefined) {
    range.from = Math.max(range.from ?? -Infinity, parse(`${name}>`, after).start);
    echoed.push([`${name}>`, after]);
  }
  if (before !== undefined) {
    const { start, dayOnly } = parse(`${name}<`, before);
    range.to = Math.min(range.to ?? Infinity, dayOnly ? start + DAY_MS - 1 : start);
    echoed.push([`${name}<`, before]);
  }
  return { range, echoed };
}
