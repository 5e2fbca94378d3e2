import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { enumValue } from '../../2010-04-01/validate.ts';

export const FAULT_PARAMS = ['Method', 'Path', 'Status', 'Code', 'RetryAfter', 'DelayMs', 'Times'];

export interface FaultFields {
  method: string | null;
  path: string;
  status: number | null;
  code: number | null;
  retryAfter: number | null;
  delayMs: number | null;
  times: number;
}

/** Twilio's generic code for a status, when the fault names none. */
const DEFAULT_CODES: Record<number, number> = { 400: 20001, 401: 20003, 403: 20403, 404: 20404, 405: 20004, 429: 20429, 500: 20500, 503: 20503 };

function integer(form: Params, name: string, min: number, max: number): number | null {
  const raw = one(form, name);
  if (raw === undefined) return null;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalidParameter(`${name} must be a whole number from ${min} to ${max}; got '${raw}'.`);
  }
  return Number(raw);
}

/** A fault's settings from the create form, every rule checked before anything is written. */
export function readFaultFields(form: Params): FaultFields {
  const method = enumValue(form, 'Method', ['GET', 'POST', 'DELETE'] as const, (v) => v.toUpperCase()) ?? null;
  const path = one(form, 'Path') ?? '*';
  if (path === '' || path.length > 512 || !(path.startsWith('/') || path.startsWith('*'))) {
    throw invalidParameter(`Path must be a glob over the request path, starting with / or *, at most 512 characters (e.g. */Messages.json); got '${path}'.`);
  }
  const status = integer(form, 'Status', 400, 599);
  const code = integer(form, 'Code', 10000, 99999);
  const retryAfter = integer(form, 'RetryAfter', 0, 86_400);
  const delayMs = integer(form, 'DelayMs', 0, 60_000);
  const times = integer(form, 'Times', 1, 1_000_000) ?? 1;
  if (status === null && (code !== null || retryAfter !== null)) {
    throw invalidParameter('Code and RetryAfter describe a failure: give the Status to fail with as well.');
  }
  if (status === null && !delayMs) {
    throw invalidParameter('A fault needs a Status to fail with (e.g. 429), a DelayMs to hold requests for, or both.');
  }
  const fallbackCode = status === null ? null : (DEFAULT_CODES[status] ?? (status >= 500 ? 20500 : 20001));
  return { method, path, status, code: code ?? fallbackCode, retryAfter, delayMs, times };
}
