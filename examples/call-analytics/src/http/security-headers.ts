import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { CONNECT_BUTTON_STYLE_HASHES } from '../twilio/connect-button.ts';

/**
 * Nothing inline, nothing from elsewhere, no framing. Scripts (Chart.js included) and the stylesheet
 * come from this app; the only inline styles allowed are the Connect button snippet's, by hash.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' 'unsafe-hashes' ${CONNECT_BUTTON_STYLE_HASHES.join(' ')}`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Every response: the policy, no caching of pages (they show account data), no sniffing, no referrer elsewhere. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  headers.set('x-frame-options', 'DENY');
  headers.set('x-content-type-options', 'nosniff');
  // same-origin: the Connect link and the pages never tell Switchboard or anyone else where they came from.
  headers.set('referrer-policy', 'same-origin');
  headers.set('cross-origin-opener-policy', 'same-origin');
};
