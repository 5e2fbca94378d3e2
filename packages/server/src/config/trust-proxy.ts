import { ConfigError } from './config-error.ts';
import { isIP } from 'node:net';

/** Shorthands for `--trust-proxy`. */
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * `--trust-proxy` / `SWITCHBOARD_TRUST_PROXY`: the proxies whose `X-Forwarded-For` is believed, as a
 * comma-separated list of addresses, CIDR ranges, `loopback` or `private`. Empty (the default) trusts
 * none: the client address is the socket's.
 */
export function readTrustProxy(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === '') return Object.freeze([]);
  const ranges = raw.split(',').map((s) => s.trim()).filter((s) => s !== '').flatMap((entry) => NAMED[entry] ?? [entry]);
  for (const range of ranges) {
    const [address, bits, extra] = range.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? maxBits : Number(bits);
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > maxBits) {
      throw new ConfigError(`--trust-proxy (SWITCHBOARD_TRUST_PROXY): '${range}' is not an IP address, a CIDR range, 'loopback' or 'private'.`);
    }
  }
  return Object.freeze(ranges.map((r) => (r.includes('/') ? r : `${r}/${isIP(r) === 6 ? 128 : 32}`)));
}
