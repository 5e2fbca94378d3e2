import { ConnectError } from '../errors.ts';

/**
 * Parses a Switchboard base URL and returns it without a trailing slash. Only http(s) is accepted:
 * the URL ends up in links and API calls, where `javascript:` or `file:` would be an injection.
 */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConnectError('invalid_base_url', `baseUrl ${JSON.stringify(baseUrl)} is not a URL; pass the Switchboard base URL, e.g. 'http://127.0.0.1:8080'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectError('invalid_base_url', `baseUrl must be an http: or https: URL, got ${JSON.stringify(url.protocol)}; pass e.g. 'https://switchboard.example.com'.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConnectError('invalid_base_url', 'baseUrl must not carry a query, fragment or credentials; pass only the origin and an optional path prefix.');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
