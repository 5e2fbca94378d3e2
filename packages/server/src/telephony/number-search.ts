import type { Capabilities, InventoryNumber } from './number-inventory.ts';

/** Twilio's test area code that never has numbers. */
export const EMPTY_AREA_CODE = '533';

export interface NumberSearch {
  areaCode?: string;
  contains?: ContainsPattern;
  capabilities?: Partial<Capabilities>;
  inRegion?: string;
  inPostalCode?: string;
  inLocality?: string;
  inLata?: string;
  inRateCenter?: string;
}

/** A parsed `Contains` pattern: a regular expression over digits, and whether it is anchored at the start. */
export interface ContainsPattern {
  regex: RegExp;
  anchoredAtStart: boolean;
}

const KEYPAD: Record<string, string> = Object.fromEntries(
  ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'].flatMap((letters, i) => [...letters].map((l) => [l, String(i + 2)])),
);

/**
 * Twilio's `Contains`: 2 to 16 characters of digits and letters (a letter is its phone-keypad digit,
 * `STORM` = 78676); `*` matches one digit, `%` any run of digits at either end; a leading `+` anchors
 * the start, a trailing `$` the end. Returns null when the pattern breaks those rules.
 */
export function parseContains(pattern: string): ContainsPattern | null {
  if (pattern.length < 2 || pattern.length > 16 || !/^[0-9A-Za-z*%+$]+$/.test(pattern)) return null;
  const anchoredAtStart = pattern.startsWith('+');
  const anchoredAtEnd = pattern.endsWith('$');
  let body = pattern.slice(anchoredAtStart ? 1 : 0, anchoredAtEnd ? -1 : undefined);
  // Meta-characters may not sit next to each other (`+%`, `%$`), and `+`/`$` only at the ends.
  if (/[+$]/.test(body) || (anchoredAtStart && body.startsWith('%')) || (anchoredAtEnd && body.endsWith('%'))) return null;
  const leading = body.startsWith('%');
  const trailing = body.endsWith('%') && body.length > 1;
  body = body.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (body.includes('%') || (body.match(/[0-9A-Za-z]/g) ?? []).length < 2) return null;
  const digits = [...body.toUpperCase()].map((c) => (c === '*' ? '\\d' : (KEYPAD[c] ?? c))).join('');
  return { regex: new RegExp(`${anchoredAtStart ? '^' : ''}${digits}${anchoredAtEnd ? '$' : ''}`), anchoredAtStart };
}

/**
 * An anchored pattern may start at the country calling code (`+1415…`) or at the national number
 * (`+415…`); an unanchored one may match anywhere in the digits.
 */
export const containsMatches = (pattern: ContainsPattern, n: InventoryNumber): boolean => {
  const digits = n.phoneNumber.slice(1);
  return pattern.regex.test(digits) || (pattern.anchoredAtStart && pattern.regex.test(n.nationalNumber));
};

const sameText = (wanted: string | undefined, actual: string | null): boolean =>
  wanted === undefined || (actual !== null && actual.toLowerCase() === wanted.trim().toLowerCase());

/** Whether an inventory number satisfies every filter given; AreaCode applies only in the US and Canada. */
export function matchesSearch(n: InventoryNumber, search: NumberSearch): boolean {
  if (search.areaCode === EMPTY_AREA_CODE) return false;
  if (search.areaCode !== undefined && n.areaCode !== null && n.areaCode !== search.areaCode) return false;
  if (search.contains && !containsMatches(search.contains, n)) return false;
  for (const [capability, wanted] of Object.entries(search.capabilities ?? {})) {
    if (wanted !== undefined && n.capabilities[capability as keyof Capabilities] !== wanted) return false;
  }
  return (
    sameText(search.inRegion, n.region) &&
    sameText(search.inPostalCode, n.postalCode) &&
    sameText(search.inLocality, n.locality) &&
    sameText(search.inLata, n.lata) &&
    sameText(search.inRateCenter, n.rateCenter)
  );
}
