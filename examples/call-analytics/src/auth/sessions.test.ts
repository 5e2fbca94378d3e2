import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inProcessApp, ORIGIN, signedUpVisitor } from '../../test/support/in-process.ts';
import { csrfOf, locationOf } from '../../test/support/visitor.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { findUserByEmail } from './users.ts';

const PASSWORD = 'correct horse battery';

describe('sessions and CSRF', () => {
  const { app, clock, visitor } = inProcessApp();

  test('signing up starts an HttpOnly, SameSite=Lax session and leads to the Connect page', async () => {
    const v = visitor();
    const form = await v.get(`${ORIGIN}/signup`);
    const response = await v.post(`${ORIGIN}/signup`, { csrf: csrfOf(await form.text()), email: 'Ada@Example.com ', password: PASSWORD });
    assert.equal(response.status, 303);
    assert.equal(locationOf(response, ORIGIN), `${ORIGIN}/dashboard`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.match(cookie, /; Max-Age=43200/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http: a Secure cookie would never come back');
    const dashboard = await v.get(`${ORIGIN}/dashboard`);
    assert.equal(dashboard.status, 200);
    const html = await dashboard.text();
    assert.match(html, /Connect with Switchboard/);
    assert.match(html, /ada@example\.com/, 'the email is stored normalized');
    assert.match(html, /id="billing-note"[^>]*>.*Switchboard bills your account directly/s);
  });

  test('the session cookie holds a random token, never anything the database stores as is', async () => {
    const v = await signedUpVisitor(visitor(), 'token@example.com');
    const token = v.cookies.get(SESSION_COOKIE)!;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const stored = app.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    assert.ok(stored.length > 0);
    assert.ok(stored.every((s) => s.token_hash !== token && /^[0-9a-f]{64}$/.test(s.token_hash)));
  });

  test('a form without its CSRF token, with a made-up one or with another visitor\'s is refused with 403 and changes nothing', async () => {
    const v = visitor();
    const other = visitor();
    await v.get(`${ORIGIN}/signup`);
    const othersToken = csrfOf(await (await other.get(`${ORIGIN}/signup`)).text());
    for (const csrf of [undefined, 'x'.repeat(43), othersToken]) {
      const response = await v.post(`${ORIGIN}/signup`, { ...(csrf ? { csrf } : {}), email: 'csrf@example.com', password: PASSWORD });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /This form has expired.*reload the page/s);
    }
    assert.equal(findUserByEmail(app.db, 'csrf@example.com'), undefined);

    const signedIn = await signedUpVisitor(visitor(), 'csrf-session@example.com');
    const refresh = await signedIn.post(`${ORIGIN}/dashboard/refresh`, { csrf: othersToken });
    assert.equal(refresh.status, 403);
    const logout = await signedIn.post(`${ORIGIN}/logout`, {});
    assert.equal(logout.status, 403);
    assert.equal((await signedIn.get(`${ORIGIN}/dashboard`)).status, 200, 'still signed in');
  });

  test('logging in again in the same browser replaces the session: the earlier cookie stops working', async () => {
    await signedUpVisitor(visitor(), 'other-user@example.com');
    const v = await signedUpVisitor(visitor(), 'fixation@example.com');
    const before = v.cookies.get(SESSION_COOKIE)!;
    const response = await v.submit(`${ORIGIN}/dashboard`, '/login', { email: 'other-user@example.com', password: PASSWORD });
    assert.equal(response.status, 303);
    assert.notEqual(v.cookies.get(SESSION_COOKIE), before);
    assert.match(await (await v.get(`${ORIGIN}/dashboard`)).text(), /other-user@example\.com/);
    v.cookies.set(SESSION_COOKIE, before);
    assert.equal(locationOf(await v.get(`${ORIGIN}/dashboard`), ORIGIN), `${ORIGIN}/login`);
  });

  test('logging out ends the session on the server, not only in the browser', async () => {
    const v = await signedUpVisitor(visitor(), 'logout@example.com');
    const token = v.cookies.get(SESSION_COOKIE)!;
    const response = await v.submit(`${ORIGIN}/dashboard`, '/logout', {});
    assert.equal(locationOf(response, ORIGIN), `${ORIGIN}/`);
    assert.equal(v.cookies.has(SESSION_COOKIE), false, 'the cookie is deleted');
    v.cookies.set(SESSION_COOKIE, token);
    assert.equal((await v.get(`${ORIGIN}/dashboard`)).status, 302);
  });

  test('logging out without a session just goes home', async () => {
    const response = await visitor().post(`${ORIGIN}/logout`, {});
    assert.equal(response.status, 303);
  });

  test('a session ends after SESSION_TTL_HOURS (12 by default)', async () => {
    const v = await signedUpVisitor(visitor(), 'expiry@example.com');
    clock.now += 12 * 3600_000 - 1;
    assert.equal((await v.get(`${ORIGIN}/dashboard`)).status, 200);
    clock.now += 1;
    assert.equal(locationOf(await v.get(`${ORIGIN}/dashboard`), ORIGIN), `${ORIGIN}/login`);
  });

  test('pages for users send visitors to the log-in page, and signed-in users skip the log-in and sign-up pages', async () => {
    const v = visitor();
    assert.equal(locationOf(await v.get(`${ORIGIN}/dashboard`), ORIGIN), `${ORIGIN}/login`);
    assert.equal((await v.post(`${ORIGIN}/dashboard/refresh`, {})).status, 302);
    const signedIn = await signedUpVisitor(visitor(), 'skip@example.com');
    for (const path of ['/', '/login', '/signup']) assert.equal(locationOf(await signedIn.get(`${ORIGIN}${path}`), ORIGIN), `${ORIGIN}/dashboard`);
  });
});

describe('logging in and signing up with bad input', () => {
  const { visitor } = inProcessApp();

  test('a wrong password and an unknown email get the same 401 message', async () => {
    await signedUpVisitor(visitor(), 'known@example.com');
    for (const email of ['known@example.com', 'unknown@example.com']) {
      const response = await visitor().submit(`${ORIGIN}/login`, '/login', { email, password: 'wrong password' });
      assert.equal(response.status, 401);
      assert.match(await response.text(), /Email or password is incorrect\./);
    }
  });

  test('ten failed log-ins lock the email for 15 minutes with 429 and Retry-After, even for the right password', async () => {
    await signedUpVisitor(visitor(), 'locked@example.com');
    for (let i = 0; i < 10; i++) {
      assert.equal((await visitor().submit(`${ORIGIN}/login`, '/login', { email: 'locked@example.com', password: `wrong ${i}` })).status, 401);
    }
    const response = await visitor().submit(`${ORIGIN}/login`, '/login', { email: 'LOCKED@example.com', password: PASSWORD });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '900');
    assert.match(await response.text(), /Too many failed attempts.*15 minutes/);
  });

  test('sign-up problems are 400 with the field\'s own message, and a taken email says to log in', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ email: 'not-an-email', password: PASSWORD }, /Enter an email address like name@example\.com\./],
      [{ email: 'short@example.com', password: 'seven77' }, /at least 8 characters/],
      [{ email: 'long@example.com', password: 'x'.repeat(1025) }, /at most 1024 characters/],
      [{ email: 'known@example.com', password: PASSWORD }, /already exists\. Log in instead\./],
    ];
    for (const [form, message] of cases) {
      const response = await visitor().submit(`${ORIGIN}/signup`, '/signup', form);
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.match(html, message);
      assert.match(html, new RegExp(`value="${form.email}"`), 'the email is kept in the form');
      assert.doesNotMatch(html, new RegExp(form.password!), 'the password is never echoed');
    }
  });

  test('a body that is not a form is 415, and one over 16 KiB is 413', async () => {
    const v = visitor();
    await v.get(`${ORIGIN}/login`);
    const json = await v.request(`${ORIGIN}/login`, { method: 'POST', body: '{"email":"a"}', headers: { 'content-type': 'application/json' } });
    assert.equal(json.status, 415);
    const huge = await v.post(`${ORIGIN}/login`, { email: 'a'.repeat(17 * 1024) });
    assert.equal(huge.status, 413);
    assert.match(await huge.text(), /under 16 KiB/);
  });
});

describe('cookies behind https', () => {
  const { visitor } = inProcessApp({ APP_URL: 'https://analytics.example.com' });

  test('with an https APP_URL the session and CSRF cookies are Secure', async () => {
    const v = visitor();
    const form = await v.get(`${ORIGIN}/signup`);
    assert.match(form.headers.getSetCookie()[0]!, /; Secure/);
    const response = await v.post(`${ORIGIN}/signup`, { csrf: csrfOf(await form.text()), email: 'secure@example.com', password: PASSWORD });
    assert.match(response.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE))!, /; Secure/);
  });
});
