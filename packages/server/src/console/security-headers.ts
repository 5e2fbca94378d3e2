import type { MiddlewareHandler } from 'hono';
import type { BrowserEnv, CspAdditions } from './browser-env.ts';

/**
 * A strict policy: nothing inline, nothing from elsewhere, no framing. Pages that must submit to
 * another origin (the consent redirect) or carry a fixed inline style (the Connect button preview)
 * add exactly that, and a page that polls for updates may fetch from this origin.
 */
export const contentSecurityPolicy = (extra: CspAdditions = {}): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${extra.styleHashes?.length ? ` 'unsafe-hashes' ${extra.styleHashes.join(' ')}` : ''}`,
    "img-src 'self'",
    ...(extra.connectSelf ? ["connect-src 'self'"] : []),
    "media-src 'self'",
    `form-action 'self'${extra.formAction?.length ? ` ${extra.formAction.join(' ')}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

/** Every page: no caching, no framing, no sniffing, no referrer beyond this site. */
export const securityHeaders: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', contentSecurityPolicy(c.var.csp));
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  c.res.headers.set('x-frame-options', 'DENY');
  c.res.headers.set('x-content-type-options', 'nosniff');
  c.res.headers.set('referrer-policy', 'same-origin');
  c.res.headers.set('cross-origin-opener-policy', 'same-origin');
};
