import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { UsageTrigger } from '../../../storage/repositories/usage-triggers.ts';
import { TRIGGER_CATEGORIES } from '../../../telephony/usage-triggers/trigger-value.ts';
import { enumValue, url } from '../validate.ts';

export const RECURRING = ['daily', 'monthly', 'yearly', 'alltime'] as const;
export const TRIGGER_BY = ['count', 'usage', 'price'] as const;

const upper = (v: string) => v.toUpperCase();

export function readCallbackMethod(form: Params): 'GET' | 'POST' | undefined {
  return enumValue(form, 'CallbackMethod', ['GET', 'POST'] as const, upper);
}

export function readUsageCategory(params: Params, name: string): string | undefined {
  const raw = one(params, name);
  if (raw !== undefined && !TRIGGER_CATEGORIES.includes(raw)) {
    throw invalidParameter(`${name} '${raw}' is not a usage category Switchboard records. Use one of: ${TRIGGER_CATEGORIES.join(', ')}.`);
  }
  return raw;
}

export function readCallbackUrl(form: Params, required: boolean): string | undefined {
  const value = url(form, 'CallbackUrl');
  if (value === null || (value === undefined && required)) throw invalidParameter('CallbackUrl is required: the absolute URL Switchboard calls when the trigger fires.');
  return value;
}

/** A non-negative decimal; `+N` means N more than the value now (Twilio's offset form). */
export function readTriggerValue(form: Params): { value: number; offset: boolean } {
  const raw = one(form, 'TriggerValue');
  if (raw === undefined || raw === '') throw invalidParameter('TriggerValue is required: the usage value at which to fire, e.g. 100 or +30.');
  const match = /^(\+?)(\d{1,12}(?:\.\d{1,6})?)$/.exec(raw);
  if (!match) throw invalidParameter(`TriggerValue must be a non-negative number, or +N for N more than now; got '${raw}'.`);
  return { value: Number(match[2]), offset: match[1] === '+' };
}

export const readRecurring = (params: Params): UsageTrigger['recurring'] | undefined => enumValue(params, 'Recurring', RECURRING);
export const readTriggerBy = (params: Params): UsageTrigger['trigger_by'] | undefined => enumValue(params, 'TriggerBy', TRIGGER_BY);
