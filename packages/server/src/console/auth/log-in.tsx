import type { Hono } from 'hono';
import { requestClientAddress } from '../../http/client-address.ts';
import { findUserByEmail, normalizeEmail } from '../../storage/repositories/console-users.ts';
import type { BrowserContext, BrowserEnv } from '../browser-env.ts';
import { checkCsrf, csrfToken } from '../csrf.ts';
import { field } from '../read-body.ts';
import { readForm } from '../read-form.ts';
import { createAttemptLimiter } from '../../cluster/shared-login-limiter.ts';
import type { RedisLink } from '../../cluster/redis-link.ts';
import { dummyHash, verifyPassword } from '../session/password.ts';
import { safeNext } from '../session/safe-next.ts';
import { endSession, startSession } from '../session/session-cookie.ts';
import { LogInPage } from './auth-pages.tsx';
import { connectingAppName } from './connecting-app.ts';

const render = async (c: BrowserContext, email: string, error?: string, status: 200 | 401 | 429 = 200) => {
  const next = safeNext(c.req.query('next'));
  const appName = await connectingAppName(c.var.deps.db, next);
  return c.html(<LogInPage csrf={csrfToken(c)} next={next} appName={appName} email={email} error={error} />, status);
};

/**
 * Log in and log out. Failed log-ins are limited per email (10 in 15 minutes) and per client address
 * (50 in 15 minutes, as several people may share one).
 */
export function mountLogIn(app: Hono<BrowserEnv>, redis: RedisLink | undefined): void {
  const byEmail = createAttemptLimiter('login-email', { limit: 10 }, redis);
  const byAddress = createAttemptLimiter('login-address', { limit: 50 }, redis);
  app.get('/console/login', async (c) => {
    if (c.var.signedIn) return c.redirect(safeNext(c.req.query('next')), 302);
    return render(c, '');
  });

  app.post('/console/login', readForm, checkCsrf, async (c) => {
    const { db, clock } = c.var.deps;
    const email = field(c.var.form, 'email').trim();
    const emailKey = [normalizeEmail(email)];
    const addressKey = [requestClientAddress(c, c.var.deps.config.trustProxy)];
    const wait = Math.max(await byEmail.retryAfter(emailKey, clock()), await byAddress.retryAfter(addressKey, clock()));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return render(c, email, `Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`, 429);
    }
    const user = await findUserByEmail(db, email);
    const valid = await verifyPassword(field(c.var.form, 'password'), user?.password_hash ?? (await dummyHash()));
    if (!user || !valid) {
      await byEmail.recordFailure(emailKey, clock());
      await byAddress.recordFailure(addressKey, clock());
      return render(c, email, 'Email or password is incorrect.', 401);
    }
    await byEmail.reset(emailKey);
    await startSession(c, user.sid);
    return c.redirect(safeNext(c.req.query('next')), 303);
  });

  app.post('/console/logout', readForm, checkCsrf, async (c) => {
    await endSession(c);
    return c.redirect('/console/login', 303);
  });
}
