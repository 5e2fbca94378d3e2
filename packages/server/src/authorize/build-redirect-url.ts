/**
 * The app's registered Authorize URL with our parameters appended: its own query (and fragment) are
 * kept byte for byte, and nothing else about it changes, so the redirect can only go where the app
 * was registered to receive it.
 */
export function buildRedirectUrl(authorizeUrl: string, params: Record<string, string | undefined>): string {
  const hashAt = authorizeUrl.indexOf('#');
  const base = hashAt < 0 ? authorizeUrl : authorizeUrl.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : authorizeUrl.slice(hashAt);
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  const query = new URLSearchParams(entries).toString();
  if (query === '') return authorizeUrl;
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return base + separator + query + hash;
}
