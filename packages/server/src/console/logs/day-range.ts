import { invalidParameter } from '../../errors/twilio-error.ts';
import type { InstantRange } from '../../storage/repositories/calls.ts';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(label: string, value: string): number {
  const match = ISO_DAY.exec(value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== value) throw invalidParameter(`${label} must be a day written YYYY-MM-DD; got '${value}'.`);
  return ms;
}

/** From the start of the `from` day to the end of the `to` day, both UTC and both optional. */
export function readDayRange(label: string, from: string | undefined, to: string | undefined): InstantRange {
  const range: InstantRange = {};
  if (from) range.from = dayStart(`${label} from`, from);
  if (to) range.to = dayStart(`${label} to`, to) + DAY_MS - 1;
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) throw invalidParameter(`${label}: the first day ${from} is after the last day ${to}. Swap them.`);
  return range;
}
