import { invalidParameter } from '../../errors/twilio-error.ts';
import { one, type Params } from '../../http/params.ts';
import { isSid } from '../../util/sid.ts';
import { enumValue } from './validate.ts';

/** A boolean query parameter (`true`/`false`, any case); absent is `fallback`, anything else a 400. */
export const readFlag = (query: Params, name: string, fallback = false): boolean => {
  const value = enumValue(query, name, ['true', 'false'] as const, (v) => v.toLowerCase());
  return value === undefined ? fallback : value === 'true';
};

/** A SID filter: absent, or a well-formed SID with the prefix (a malformed one is a 400, not an empty list). */
export function sidFilter(query: Params, name: string, prefix: string): string | undefined {
  const value = one(query, name);
  if (value !== undefined && !isSid(prefix, value)) {
    throw invalidParameter(`${name} '${value}' is not valid: use a SID of ${prefix} followed by 32 hexadecimal digits.`);
  }
  return value;
}
