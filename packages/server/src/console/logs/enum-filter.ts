import { invalidParameter } from '../../errors/twilio-error.ts';

/** A filter whose value must be one of a fixed list (the form offers only those). */
export function enumFilter<T extends string>(label: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw invalidParameter(`${label} must be one of ${allowed.join(', ')}; got '${value}'.`);
  return value as T;
}
