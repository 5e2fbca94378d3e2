import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { TwilioError } from '../errors/twilio-error.ts';
import { constantTimeEqual } from '../util/constant-time.ts';
import { isHttps, type BrowserContext, type BrowserEnv } from './browser-env.ts';
import { field } from './read-body.ts';

/** Forms shown before signing in (sign-up, log-in) carry a token bound to this cookie instead of a session. */
const ANONYMOUS_COOKIE = 'sb_csrf';
export const CSRF_FIELD = 'csrf';

/** The token a page's forms must send back: the session's, or the anonymous cookie's (set here when missing). */
export function csrfToken(c: BrowserContext): string {
  if (c.var.signedIn) return c.var.signedIn.session.csrf_token;
  let token = getCookie(c, ANONYMOUS_COOKIE);
  if (!token || token.length < 32) {
    token = randomBytes(32).toString('base64url');
    setCookie(c, ANONYMOUS_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: 3600 * 24 });
  }
  return token;
}

/** Refuses a POST whose form does not carry the token of the session (or anonymous cookie) it came with. */
export const checkCsrf: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  const expected = c.var.signedIn ? c.var.signedIn.session.csrf_token : getCookie(c, ANONYMOUS_COOKIE);
  const sent = field(c.var.form, CSRF_FIELD);
  if (!expected || !sent || !constantTimeEqual(sent, expected)) {
    throw TwilioError.of('forbidden', 'This form has expired or did not come from this site. Go back, reload the page and try again.');
  }
  await next();
};
