import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { ClockChange } from '../../../clock/change-clock.ts';
import { parseInstant } from '../../../clock/parse-instant.ts';

export const CLOCK_PARAMS = ['Frozen', 'Advance', 'Time'];

/** Ten years: further than any test needs, near enough that instants stay exact. */
const MAX_ADVANCE_SECONDS = 10 * 366 * 86_400;

function readFrozen(form: Params): boolean | undefined {
  const raw = one(form, 'Frozen');
  if (raw === undefined) return undefined;
  if (!/^(true|false)$/i.test(raw)) throw invalidParameter(`Frozen must be true or false; got '${raw}'.`);
  return raw.toLowerCase() === 'true';
}

function readAdvance(form: Params): number | undefined {
  const raw = one(form, 'Advance');
  if (raw === undefined) return undefined;
  if (/^-\d/.test(raw)) throw invalidParameter(`The clock only moves forward: Advance must not be negative; got '${raw}'.`);
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(raw) || Number(raw) > MAX_ADVANCE_SECONDS) {
    throw invalidParameter(`Advance must be a number of seconds from 0 to ${MAX_ADVANCE_SECONDS} (e.g. 90 or 0.5); got '${raw}'.`);
  }
  return Math.round(Number(raw) * 1000);
}

function readTime(form: Params): number | undefined {
  const raw = one(form, 'Time');
  if (raw === undefined) return undefined;
  const time = parseInstant(raw);
  if (time === undefined) throw invalidParameter(`Time must be an ISO 8601 instant with its zone, e.g. 2030-01-15T09:30:00Z; got '${raw}'.`);
  return time;
}

/** The change a POST asks for; `changeClock` checks it against the clock before writing anything. */
export function readClockChange(form: Params): ClockChange {
  const change: ClockChange = { frozen: readFrozen(form), advanceMs: readAdvance(form), time: readTime(form) };
  if (change.frozen === undefined && change.advanceMs === undefined && change.time === undefined) {
    throw invalidParameter('Say what to change: Frozen=true|false, Advance=<seconds> or Time=<ISO 8601>.');
  }
  return change;
}
