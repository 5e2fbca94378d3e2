import { invalidParameter } from '../errors/twilio-error.ts';

/** Decoded form or query parameters; a name may repeat (`Permissions=get-all&Permissions=post-all`). */
export type Params = ReadonlyMap<string, readonly string[]>;

const decodeComponent = (raw: string): string => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw invalidParameter('The request is not valid application/x-www-form-urlencoded UTF-8: a percent-escape does not decode. Encode parameters as UTF-8 and percent-escape them.');
  }
  // No parameter has a use for NUL, and PostgreSQL text cannot store it.
  if (decoded.includes('\u0000')) throw invalidParameter('Parameters cannot contain the NUL character (%00).');
  return decoded;
};

/**
 * Parses `a=1&b=2&a=3` strictly: a malformed percent-escape or invalid UTF-8 is a 400, never a
 * silently replaced character.
 */
export function parseUrlEncoded(text: string): Params {
  const params = new Map<string, string[]>();
  if (text === '') return params;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1));
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}

/** Refuses parameters the endpoint does not know, so a misspelt name never silently does nothing. */
export function rejectUnknown(params: Params, allowed: ReadonlySet<string>): void {
  for (const name of params.keys()) {
    if (!allowed.has(name)) {
      const known = [...allowed].join(', ') || 'none';
      throw invalidParameter(`Unknown parameter '${name}'. This endpoint accepts: ${known}.`);
    }
  }
}

/** The single value of a parameter (the first, if it was repeated), or undefined. */
export const one = (params: Params, name: string): string | undefined => params.get(name)?.[0];

/** Every value of a repeated parameter, with comma lists split (`Permissions=get-all,post-all`). */
export const many = (params: Params, name: string): string[] | undefined =>
  params.get(name)?.flatMap((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''));
