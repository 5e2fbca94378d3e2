import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../env.ts';
import { field, readForm } from '../http/read-form.ts';
import { HomePage } from '../pages/home-page.tsx';
import { LogInPage, SignUpPage, type FieldErrors } from '../pages/auth-pages.tsx';
import { checkCsrf, csrfToken } from './csrf.ts';
import { createLoginLimiter } from './login-limiter.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { endSession, startSession } from './sessions.ts';
import { findUserByEmail, insertUser, normalizeEmail } from './users.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSignUp(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!EMAIL.test(email) || email.length > 254) errors.email = 'Enter an email address like name@example.com.';
  if ([...password].length < 8) errors.password = 'Choose a password of at least 8 characters.';
  else if (password.length > 1024) errors.password = 'Choose a password of at most 1024 characters.';
  return errors;
}

const signUpPage = (c: AppContext, email: string, errors: FieldErrors, status: 200 | 400 = 200) =>
  c.html(<SignUpPage csrf={csrfToken(c)} email={email} errors={errors} />, status);

const logInPage = (c: AppContext, email: string, errors: FieldErrors, status: 200 | 401 | 429 = 200, notice?: string) =>
  c.html(<LogInPage csrf={csrfToken(c)} email={email} errors={errors} notice={notice} />, status);

/** The app's own users (best practice 1: Connect is not a log-in; the app has its own). */
export function mountAuth(app: Hono<AppEnv>): void {
  const limiter = createLoginLimiter();

  app.get('/', (c) => (c.var.session ? c.redirect('/dashboard', 302) : c.html(<HomePage />)));

  app.get('/signup', (c) => (c.var.session ? c.redirect('/dashboard', 302) : signUpPage(c, '', {})));

  app.post('/signup', readForm, checkCsrf, async (c) => {
    const email = field(c.var.form, 'email').trim();
    const password = field(c.var.form, 'password');
    const errors = validateSignUp(email, password);
    const { db, clock } = c.var.deps;
    if (!errors.email && findUserByEmail(db, email)) errors.email = 'An account with this email already exists. Log in instead.';
    if (Object.keys(errors).length > 0) return signUpPage(c, email, errors, 400);
    const user = insertUser(db, { email, passwordHash: await hashPassword(password), now: clock() });
    if (!user) return signUpPage(c, email, { email: 'An account with this email already exists. Log in instead.' }, 400);
    startSession(c, user.id);
    return c.redirect('/dashboard', 303);
  });

  app.get('/login', (c) => {
    if (c.var.session) return c.redirect('/dashboard', 302);
    const notice = c.req.query('expired') !== undefined ? 'Your session has ended. Log in again to continue.' : undefined;
    return logInPage(c, '', {}, 200, notice);
  });

  app.post('/login', readForm, checkCsrf, async (c) => {
    const { db, clock } = c.var.deps;
    const email = field(c.var.form, 'email').trim();
    const key = normalizeEmail(email);
    const wait = limiter.retryAfter(key, clock());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return logInPage(c, email, { form: `Too many failed attempts for this email. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.` }, 429);
    }
    const user = email.length <= 254 ? findUserByEmail(db, email) : undefined;
    const valid = await verifyPassword(field(c.var.form, 'password').slice(0, 1024), user?.password_hash ?? DUMMY_HASH);
    if (!user || !valid) {
      limiter.recordFailure(key, clock());
      return logInPage(c, email, { form: 'Email or password is incorrect.' }, 401);
    }
    limiter.reset(key);
    startSession(c, user.id);
    return c.redirect('/dashboard', 303);
  });

  // Logging out of a session that already ended is not an error: there is nothing left to protect.
  app.post('/logout', readForm, async (c, next) => (c.var.session ? next() : c.redirect('/', 303)), checkCsrf, (c) => {
    endSession(c);
    return c.redirect('/', 303);
  });
}
