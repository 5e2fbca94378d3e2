// Node's legacy `querystring.parse` followed by `querystring.stringify`, which twilio-node applies to a
// URL's query as a last-resort signature candidate. Reimplemented so the library needs only node:crypto;
// the tests compare it with node:querystring on generated queries. The input is a serialized URL's query,
// so it is ASCII.

const MAX_PAIRS = 1000; // querystring.parse's default maxKeys: later pairs are dropped

export function reencodeLegacyQuery(query: string): string {
  // A null-prototype object, like querystring.parse's, so keys come out in the same (integer-first) order.
  const parsed: Record<string, string | string[]> = Object.create(null);
  for (const piece of query.split('&').slice(0, MAX_PAIRS)) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decode(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : decode(piece.slice(eq + 1));
    const current = parsed[key];
    if (current === undefined) parsed[key] = value;
    else if (Array.isArray(current)) current.push(value);
    else parsed[key] = [current, value];
  }
  return Object.keys(parsed)
    .flatMap((key) => ([] as string[]).concat(parsed[key] ?? []).map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`))
    .join('&');
}

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeValidEscapes(spaced);
  }
}

// querystring.unescapeBuffer: decode the well-formed %XX escapes, keep the rest, then read as UTF-8.
function decodeValidEscapes(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 && i < text.length - 2) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    bytes.push(code); // Buffer.from keeps the low byte, as unescapeBuffer's Buffer writes do
  }
  return Buffer.from(bytes).toString('utf8');
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
