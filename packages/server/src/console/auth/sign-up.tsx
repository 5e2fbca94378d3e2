import type { Hono } from 'hono';
import { createAccount } from '../../storage/repositories/accounts.ts';
import { requestClientAddress } from '../../http/client-address.ts';
import { findUserByEmail, insertUser, normalizeEmail } from '../../storage/repositories/console-users.ts';
import type { BrowserContext, BrowserEnv } from '../browser-env.ts';
import { checkCsrf, csrfToken } from '../csrf.ts';
import { field } from '../read-body.ts';
import { readForm } from '../read-form.ts';
import { createAttemptLimiter } from '../../cluster/shared-login-limiter.ts';
import type { RedisLink } from '../../cluster/redis-link.ts';
import { hashPassword } from '../session/password.ts';
import { safeNext } from '../session/safe-next.ts';
import { startSession } from '../session/session-cookie.ts';
import { connectingAppName } from './connecting-app.ts';
import { SignUpPage, type FieldErrors, type SignUpValues } from './auth-pages.tsx';

type SignUpField = 'email' | 'password' | 'accountName' | 'type';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(values: SignUpValues & { password: string; rawType: string }): FieldErrors<SignUpField> {
  const errors: FieldErrors<SignUpField> = {};
  if (!EMAIL.test(values.email) || values.email.length > 254) errors.email = 'Enter an email address like name@example.com.';
  if ([...values.password].length < 8) errors.password = 'Choose a password of at least 8 characters.';
  else if (values.password.length > 1024) errors.password = 'Choose a password of at most 1024 characters.';
  const name = values.accountName.trim();
  if (name === '') errors.accountName = 'Name the account, e.g. your company or project.';
  else if ([...name].length > 64) errors.accountName = 'Use at most 64 characters.';
  if (values.rawType !== 'Full' && values.rawType !== 'Trial') errors.type = 'Choose Full or Trial.';
  return errors;
}

const render = async (c: BrowserContext, values: SignUpValues, errors: FieldErrors<SignUpField>, status: 200 | 400 | 429 = 200, error?: string) => {
  const next = safeNext(c.req.query('next'));
  const appName = await connectingAppName(c.var.deps.db, next);
  return c.html(<SignUpPage csrf={csrfToken(c)} next={next} appName={appName} values={values} errors={errors} error={error} />, status);
};

/**
 * Sign-up creates a top-level account (Full, or Trial when chosen) and its first user, then signs in.
 * Every attempt counts against its email (5 in 15 minutes) and its client address (20 in 15
 * minutes): an email already registered has to be named, so sign-up can tell who is registered, but
 * not to a script trying address after address.
 */
export function mountSignUp(app: Hono<BrowserEnv>, redis: RedisLink | undefined): void {
  const byEmail = createAttemptLimiter('signup-email', { limit: 5 }, redis);
  const byAddress = createAttemptLimiter('signup-address', { limit: 20 }, redis);
  app.get('/console/signup', async (c) => {
    if (c.var.signedIn) return c.redirect(safeNext(c.req.query('next')), 302);
    return render(c, { email: '', accountName: '', type: 'Full' }, {});
  });

  app.post('/console/signup', readForm, checkCsrf, async (c) => {
    const form = c.var.form;
    const rawType = field(form, 'type') || 'Full';
    const values = { email: field(form, 'email').trim(), accountName: field(form, 'accountName'), type: rawType === 'Trial' ? 'Trial' : 'Full', password: field(form, 'password'), rawType } as const;
    const { db, clock, config } = c.var.deps;
    const keys = { email: [`signup:${normalizeEmail(values.email)}`], address: [requestClientAddress(c, config.trustProxy)] };
    const wait = Math.max(await byEmail.retryAfter(keys.email, clock()), await byAddress.retryAfter(keys.address, clock()));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return render(c, values, {}, 429, `Too many sign-up attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`);
    }
    await byEmail.recordFailure(keys.email, clock());
    await byAddress.recordFailure(keys.address, clock());
    const errors = validate(values);
    if (!errors.email && (await findUserByEmail(db, values.email))) errors.email = 'An account with this email already exists. Log in instead.';
    if (Object.keys(errors).length > 0) return render(c, values, errors, 400);

    const passwordHash = await hashPassword(values.password);
    const now = clock();
    const user = await db.transaction().execute(async (trx) => {
      const account = await createAccount(trx, { friendlyName: values.accountName.trim(), type: values.type, parentSid: null, now });
      return insertUser(trx, { email: values.email, passwordHash, accountSid: account.sid, now });
    }).catch(async (error: unknown) => {
      // Two sign-ups with one email at once: the unique index lets one through.
      if (await findUserByEmail(db, values.email)) return undefined;
      throw error;
    });
    if (!user) return render(c, values, { email: 'An account with this email already exists. Log in instead.' }, 400);
    await startSession(c, user.sid);
    return c.redirect(safeNext(c.req.query('next')), 303);
  });
}
