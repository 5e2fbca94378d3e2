import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isHttps, type AppContext, type AppEnv } from '../env.ts';
import { HttpError } from '../http/http-error.ts';
import { field } from '../http/read-form.ts';

/** Forms shown before logging in (sign-up, log-in) carry a token bound to this cookie instead of a session. */
export const ANONYMOUS_CSRF_COOKIE = 'call_analytics_csrf';
export const CSRF_FIELD = 'csrf';

/** The token this page's forms must send back: the session's, or the anonymous cookie's (set here when missing). */
export function csrfToken(c: AppContext): string {
  const session = c.var.session;
  if (session) return session.row.csrf_token;
  let token = getCookie(c, ANONYMOUS_CSRF_COOKIE);
  if (!token || token.length < 32 || token.length > 128) {
    token = randomBytes(32).toString('base64url');
    setCookie(c, ANONYMOUS_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: 24 * 3600 });
  }
  return token;
}

const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Refuses (403) a form that does not carry the token of the session, or anonymous cookie, it arrived with. */
export const checkCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.var.session ? c.var.session.row.csrf_token : getCookie(c, ANONYMOUS_CSRF_COOKIE);
  const sent = field(c.var.form, CSRF_FIELD);
  if (!expected || !sent || !equal(sent, expected)) {
    throw new HttpError(403, 'This form has expired', 'The form did not come from this page, or it is older than your current session. Go back, reload the page and send it again.');
  }
  await next();
};
