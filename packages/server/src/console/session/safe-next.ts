/**
 * Where to go after signing in: only a path on this server (the consent screen or a Console page),
 * never another site, so the `next` parameter cannot be used as an open redirect.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/(authorize\/|console(\/|$|\?))/.test(next) || next.includes('\\') || /[\u0000-\u001f]/.test(next)) return '/console';
  return next;
}
