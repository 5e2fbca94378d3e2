import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';

/** An absolute http(s) URL, or a Twilio validation error with the endpoint's code. */
export function webhookUrl(form: Params, name: string, code: number): string | null {
  const value = one(form, name);
  if (value === undefined || value === '') return null;
  let ok = false;
  try {
    const { protocol } = new URL(value);
    ok = protocol === 'http:' || protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok || value.length > 2048) throw TwilioError.validation(code, `${name} '${value}' is not a valid URL. Use an absolute http:// or https:// URL.`);
  return value;
}

export function httpMethod(form: Params, name: string): 'GET' | 'POST' | undefined {
  const value = one(form, name);
  if (value === undefined || value === '') return undefined;
  const upper = value.toUpperCase();
  if (upper !== 'GET' && upper !== 'POST') throw TwilioError.validation(21209, `${name} must be GET or POST; got '${value}'.`);
  return upper;
}

/** Booleans arrive as `true`/`false` (node) or `True`/`False` (python). */
export function booleanParam(form: Params, name: string): boolean | undefined {
  const value = one(form, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidParameter(`${name} must be true or false; got '${one(form, name)}'.`);
  return value === 'true';
}

export function integerParam(form: Params, name: string, min: number, max: number): number | null {
  const raw = one(form, name);
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) throw invalidParameter(`${name} must be a whole number from ${min} to ${max}; got '${raw}'.`);
  return value;
}

const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

/** StatusCallbackEvent, repeated or space-separated; `completed` when none is given, as in Twilio. */
export function statusCallbackEvents(form: Params): string {
  const given = (form.get('StatusCallbackEvent') ?? []).flatMap((v) => v.split(' ')).filter((v) => v !== '');
  const unknown = given.find((e) => !CALL_EVENTS.includes(e));
  if (unknown !== undefined) throw invalidParameter(`StatusCallbackEvent '${unknown}' is not one of ${CALL_EVENTS.join(', ')}.`);
  return given.length === 0 ? 'completed' : CALL_EVENTS.filter((e) => given.includes(e)).join(' ');
}
