import type { Random } from './random.ts';

// Webhook URLs as a developer might configure them: odd hosts, explicit and default ports, raw and
// escaped characters in path and query, repeated query names, the occasional fragment.
const HOSTS = ['example.com', 'mycompany.com', 'Sub.Example.co.uk', '127.0.0.1', '[::1]', 'user:pw@example.com', 'xn--bcher-kva.example'];

export function randomUrl(r: Random): string {
  const scheme = r.pick(['https', 'http', 'HTTPS', 'Http']);
  const port = r.pick(['', '', ':443', ':80', ':8080', ':3000']);
  const path = Array.from({ length: r.int(4) }, () => '/' + part(r)).join('') || r.pick(['', '/']);
  const pairs = Array.from({ length: r.int(5) }, () => `${part(r)}=${part(r)}`);
  if (pairs.length > 0 && r.chance(0.3)) pairs.push(pairs[0]!.split('=')[0] + '=' + part(r));
  const query = pairs.length > 0 || r.chance(0.1) ? '?' + pairs.join('&') : '';
  const fragment = r.chance(0.05) ? '#' + part(r) : '';
  return `${scheme}://${r.pick(HOSTS)}${port}${path}${query}${fragment}`;
}

// A URL component that is raw text, percent-encoded text, or form-encoded text.
function part(r: Random): string {
  const text = r.text(1, 8).replace(/[#?&=/]/g, '');
  const style = r.int(3);
  if (style === 0) return text;
  if (style === 1) return encodeURIComponent(text);
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/** Form parameters with repeated names (arrays), numbers and awkward characters. */
export function randomParams(r: Random): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (let i = r.int(7); i > 0; i--) {
    const name = r.chance(0.5) ? r.pick(['CallSid', 'AccountSid', 'From', 'To', 'Body', 'Digits', 'a', 'A', '_']) : r.text(1, 6);
    params[name] = r.chance(0.25) ? Array.from({ length: 1 + r.int(4) }, () => r.text(0, 6)) : r.text(0, 10);
  }
  return params;
}
