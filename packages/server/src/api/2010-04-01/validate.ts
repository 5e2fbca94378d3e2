import { invalidParameter } from '../../errors/twilio-error.ts';
import { one, type Params } from '../../http/params.ts';

export function friendlyName(params: Params, name: string, { required = false, max = 64 } = {}): string | undefined {
  const value = one(params, name);
  if (value === undefined || value.trim() === '') {
    if (required) throw invalidParameter(`${name} is required.`);
    return value === undefined ? undefined : '';
  }
  if ([...value].length > max) throw invalidParameter(`${name} must be at most ${max} characters long.`);
  return value;
}

export function text(params: Params, name: string, max = 4000): string | undefined {
  const value = one(params, name);
  if (value !== undefined && [...value].length > max) throw invalidParameter(`${name} must be at most ${max} characters long.`);
  return value;
}

/** An absolute http(s) URL; an empty value clears the field. */
export function url(params: Params, name: string): string | null | undefined {
  const value = one(params, name);
  if (value === undefined) return undefined;
  if (value === '') return null;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || value.length > 2048) {
    throw invalidParameter(`${name} '${value}' is not a valid URL. Use an absolute http:// or https:// URL.`);
  }
  return value;
}

export function enumValue<T extends string>(params: Params, name: string, allowed: readonly T[], normalize = (v: string) => v): T | undefined {
  const raw = one(params, name);
  if (raw === undefined) return undefined;
  const value = normalize(raw);
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(`${name} must be one of ${allowed.join(', ')}; got '${raw}'.`);
  }
  return value as T;
}
