import type { MiddlewareHandler } from 'hono';
import type { BrowserEnv } from '../browser-env.ts';

/** Sends a visitor without a session to sign in, and back here afterwards. */
export const requireSignIn: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  if (c.var.signedIn) return next();
  if (c.req.method !== 'GET') return c.redirect('/console/login', 303);
  const url = new URL(c.req.url);
  return c.redirect(`/console/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
};
