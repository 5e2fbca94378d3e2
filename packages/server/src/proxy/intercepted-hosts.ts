/**
 * The Twilio hosts Switchboard answers itself (their TLS terminated with the local CA). Every other
 * host, other `*.twilio.com` hosts included, is tunneled untouched; a host joins this list when
 * Switchboard serves its routes.
 */
export const INTERCEPTED_HOSTS: ReadonlySet<string> = new Set(['api.twilio.com']);

export const isInterceptedHost = (host: string): boolean => INTERCEPTED_HOSTS.has(host.toLowerCase().replace(/\.$/, ''));
