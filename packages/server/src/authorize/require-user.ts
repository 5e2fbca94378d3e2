import type { MiddlewareHandler } from 'hono';
import type { BrowserEnv } from '../console/browser-env.ts';
import { consentPath, readState } from './read-state.ts';

/** No session: sign in or sign up first, then come back to this consent screen with the same state. */
export const requireUser: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  if (c.var.signedIn) return next();
  const back = consentPath(c.var.app.sid, readState(c));
  return c.redirect(`/console/login?next=${encodeURIComponent(back)}`, c.req.method === 'GET' ? 302 : 303);
};
