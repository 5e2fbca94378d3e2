import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findSignedIn } from '../../storage/repositories/console-sessions.ts';
import type { BrowserEnv } from '../browser-env.ts';
import { hashToken, SESSION_COOKIE } from './session-cookie.ts';

/** Finds the session the cookie names, if it is still live; sets `c.var.signedIn`. */
export const loadSession: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const { db, clock } = c.var.deps;
  c.set('signedIn', token ? await findSignedIn(db, hashToken(token), clock()) : undefined);
  await next();
};
