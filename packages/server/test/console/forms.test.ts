import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { grantAccess } from '../../src/connect/grant-access.ts';
import { formatPermissions } from '../../src/connect/permissions.ts';
import { createAppFor } from '../../src/connect/create-connect-app.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { PageClient, pageText } from '../support/page-client.ts';
import { makePng } from '../support/png.ts';
import { uniqueEmail } from './steps.ts';

/** The error shown inside the form field that holds the input named `name`. */
const fieldError = (html: string, name: string): string | undefined =>
  new RegExp(`<(?:div|fieldset) class="field invalid">(?:(?!class="field).)*?name="${name}"(?:(?!class="field).)*?<span class="error" role="alert">([^<]*)</span>`, 's').exec(html)?.[1];

const appForm = (fields: Record<string, string | string[]>, logo: Blob | null = new Blob([new Uint8Array(makePng())], { type: 'image/png' })) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  if (logo) form.append('Logo', logo, 'logo.png');
  return form;
};

const VALID_APP = {
  FriendlyName: 'Call Analytics', CompanyName: 'Rossum', Description: 'Analytics', HomepageUrl: 'https://example.com/',
  TermsOfServiceUrl: '', AuthorizeRedirectUrl: 'https://example.com/authorize', DeauthorizeCallbackUrl: '',
  DeauthorizeCallbackMethod: 'POST', Permissions: ['get-all'],
};

onEachDatabase('Console forms', (database) => {
  const server = serveConsoleForSuite(database);
  let developer: PageClient;

  before(async () => {
    developer = new PageClient(server.current.url);
    assert.equal((await developer.signUp(uniqueEmail('dev'))).status, 303);
  });

  test('sign-up shows each problem beside its field and creates nothing', async () => {
    const client = new PageClient(server.current.url);
    await client.get('/console/signup');
    const { status, html } = await client.post('/console/signup', { email: 'not-an-email', password: 'short', accountName: ' ', type: 'Gold' });
    assert.equal(status, 400);
    assert.equal(fieldError(html, 'email'), 'Enter an email address like name@example.com.');
    assert.equal(fieldError(html, 'password'), 'Choose a password of at least 8 characters.');
    assert.equal(fieldError(html, 'accountName'), 'Name the account, e.g. your company or project.');
    assert.equal(fieldError(html, 'type'), 'Choose Full or Trial.');
    assert.equal(client.cookies.has('sb_session'), false);
  });

  test('signing up twice with one email is refused beside the email field', async () => {
    const email = uniqueEmail('twice');
    assert.equal((await new PageClient(server.current.url).signUp(email)).status, 303);
    const { status, html } = await new PageClient(server.current.url).signUp(email.toUpperCase());
    assert.equal(status, 400);
    assert.equal(fieldError(html, 'email'), 'An account with this email already exists. Log in instead.');
  });

  test('a sign-up chooses Full or Trial and starts an HttpOnly, SameSite session', async () => {
    const client = new PageClient(server.current.url);
    await client.get('/console/signup');
    const response = await client.post('/console/signup', { email: uniqueEmail('trial'), password: 'long enough', accountName: 'Trial Co', type: 'Trial' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/console');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sb_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const account = await client.get('/console/account');
    assert.match(pageText(account.html), /Trial Co Trial account, active/);
  });

  test('forms without the CSRF token of their session are refused', async () => {
    const client = new PageClient(server.current.url);
    await client.get('/console/signup');
    const signUp = await client.post('/console/signup', { csrf: 'guess', email: uniqueEmail('x'), password: 'long enough', accountName: 'X', type: 'Full' });
    assert.equal(signUp.status, 403);
    const logOut = await developer.post('/console/logout', { csrf: '' });
    assert.equal(logOut.status, 403);
    assert.equal((await developer.get('/console/account')).status, 200, 'still signed in');
  });

  test('a wrong password is refused, and the eleventh failure in a row is rate limited even with the right password', async () => {
    const email = uniqueEmail('limited');
    await new PageClient(server.current.url).signUp(email);
    const client = new PageClient(server.current.url);
    await client.get('/console/login');
    const wrong = await client.post('/console/login', { email, password: 'wrong password' });
    assert.equal(wrong.status, 401);
    assert.match(pageText(wrong.html), /Email or password is incorrect\./);
    for (let i = 0; i < 9; i++) assert.equal((await client.post('/console/login', { email, password: 'wrong password' })).status, 401);
    const limited = await client.post('/console/login', { email, password: 'correct horse battery staple' });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(pageText(limited.html), /Too many failed attempts/);
    assert.equal(client.cookies.has('sb_session'), false);
  });

  test('logging in returns to a local page only, and logging out ends the session', async () => {
    const email = uniqueEmail('inout');
    await new PageClient(server.current.url).signUp(email);
    const client = new PageClient(server.current.url);
    await client.get('/console/login');
    const toEvil = await client.post(`/console/login?next=${encodeURIComponent('//evil.example/authorize/x')}`, { email, password: 'correct horse battery staple' });
    assert.equal(toEvil.status, 303);
    assert.equal(toEvil.headers.get('location'), '/console');
    const session = client.cookies.get('sb_session')!;
    await client.get('/console/account');
    assert.equal((await client.post('/console/logout', {})).status, 303);
    const stale = new PageClient(server.current.url);
    stale.cookies.set('sb_session', session);
    const again = await stale.get('/console/account');
    assert.equal(again.status, 302);
    assert.equal(again.headers.get('location'), '/console/login?next=%2Fconsole%2Faccount');
  });

  test('the Connect App form shows each problem beside its field', async () => {
    await developer.get('/console/apps/new');
    const { status, html } = await developer.postMultipart('/console/apps', appForm({
      FriendlyName: '', CompanyName: '', HomepageUrl: 'javascript:alert(1)', TermsOfServiceUrl: 'not a url',
      AuthorizeRedirectUrl: '', DeauthorizeCallbackUrl: 'ftp://example.com/x', DeauthorizeCallbackMethod: 'PUT',
    }, null));
    assert.equal(status, 400);
    assert.equal(fieldError(html, 'FriendlyName'), 'Enter the Friendly Name users will see.');
    assert.equal(fieldError(html, 'Logo'), 'Upload a logo: a PNG or JPEG image.');
    assert.equal(fieldError(html, 'CompanyName'), 'Enter your company name.');
    assert.equal(fieldError(html, 'HomepageUrl'), 'Enter an absolute http:// or https:// URL.');
    assert.equal(fieldError(html, 'TermsOfServiceUrl'), 'Enter an absolute http:// or https:// URL.');
    assert.equal(fieldError(html, 'AuthorizeRedirectUrl'), 'Enter the Authorize URL.');
    assert.equal(fieldError(html, 'DeauthorizeCallbackUrl'), 'Enter an absolute http:// or https:// URL.');
    assert.equal(fieldError(html, 'DeauthorizeCallbackMethod'), 'Choose GET or POST.');
    assert.equal(fieldError(html, 'Permissions'), 'Choose at least one: Read all account data, Charge account for usage, or both.');
    assert.match(html, /value="javascript:alert\(1\)"/, 'what was typed is shown again');
  });

  test('a logo must really be a PNG or JPEG of at most 256 KiB, whatever its name says', async () => {
    await developer.get('/console/apps/new');
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/png' });
    const asSvg = await developer.postMultipart('/console/apps', appForm(VALID_APP, svg));
    assert.equal(asSvg.status, 400);
    assert.equal(fieldError(asSvg.html, 'Logo'), 'The logo must be a PNG or JPEG image (SVG and other formats are not accepted).');
    const huge = new Blob([new Uint8Array(makePng()), new Uint8Array(300 * 1024)], { type: 'image/png' });
    const tooBig = await developer.postMultipart('/console/apps', appForm(VALID_APP, huge));
    assert.equal(tooBig.status, 400);
    assert.match(fieldError(tooBig.html, 'Logo')!, /use an image of at most 256 KiB/);
    const enormous = await developer.postMultipart('/console/apps', appForm(VALID_APP, new Blob([new Uint8Array(2 * 1024 * 1024)])));
    assert.equal(enormous.status, 413);
    const apps = await server.current.deps.db.selectFrom('connect_apps').select('sid').where('friendly_name', '=', 'Call Analytics').execute();
    assert.deepEqual(apps, [], 'no app was created by a refused form');
  });

  test('a valid form creates the app with its logo, served as an image that can run nothing', async () => {
    await developer.get('/console/apps/new');
    const created = await developer.postMultipart('/console/apps', appForm({ ...VALID_APP, FriendlyName: 'Logo App' }));
    assert.equal(created.status, 303);
    const sid = /\/console\/apps\/(CN[0-9a-f]{32})\/button\?created=1$/.exec(created.headers.get('location')!)![1]!;
    const logo = await fetch(`${server.current.url}/logos/${sid}`);
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/png');
    assert.equal(logo.headers.get('x-content-type-options'), 'nosniff');
    assert.match(logo.headers.get('content-security-policy')!, /sandbox/);
    assert.deepEqual(Buffer.from(await logo.arrayBuffer()), makePng());
    assert.equal((await fetch(`${server.current.url}/logos/CN${'0'.repeat(32)}`)).status, 404);
  });

  test('bodies that are not forms, or are broken, get a clear 4xx page', async () => {
    await developer.get('/console/apps/new');
    const json = await developer.request('/console/apps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 415);
    assert.match(json.headers.get('content-type')!, /text\/html/);
    const broken = await developer.request('/console/apps', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nbroken' });
    assert.equal(broken.status, 400);
    assert.match(pageText(broken.html), /The form could not be read/);
  });

  test('a Trial account cannot create Connect Apps', async () => {
    const trial = new PageClient(server.current.url);
    await trial.signUp(uniqueEmail('trial'), 'Trial');
    const list = await trial.get('/console/apps');
    assert.match(pageText(list.html), /Only upgraded \(Full\) accounts can create Connect Apps/);
    assert.doesNotMatch(list.html, /href="\/console\/apps\/new"/);
    assert.equal((await trial.get('/console/apps/new')).status, 403);
    const post = await trial.postMultipart('/console/apps', appForm(VALID_APP));
    assert.equal(post.status, 403);
  });

  test("another account's app, delivery or grant is not found, whatever the action", async () => {
    const { db } = server.current.deps;
    const owner = await createAccount(db, { friendlyName: 'Other', type: 'Full', parentSid: null, now: Date.now() });
    const other = await createAppFor(db, owner, { friendly_name: 'Other App', company_name: 'Other', authorize_redirect_url: 'https://o.example.com/', permissions: formatPermissions(['get-all']) }, Date.now());
    await developer.get('/console/apps');
    for (const path of [`/console/apps/${other.sid}`, `/console/apps/${other.sid}/button`, `/console/apps/${other.sid}/deliveries`, `/console/apps/${other.sid}/delete`, '/console/apps/CN123']) {
      assert.equal((await developer.get(path)).status, 404, path);
    }
    assert.equal((await developer.post(`/console/apps/${other.sid}/delete`, {})).status, 404);
    assert.equal((await developer.post(`/console/authorized-apps/${other.sid}/revoke`, {})).status, 404);
    assert.ok(await db.selectFrom('connect_apps').select('sid').where('sid', '=', other.sid).executeTakeFirst(), 'still there');
  });

  test('the account page shows the Account SID, and the Auth Token only inside a closed disclosure', async () => {
    const { html } = await developer.get('/console/account');
    assert.match(html, /<code class="copyable" id="account-sid">AC[0-9a-f]{32}<\/code>/);
    assert.match(html, /<details class="secret"><summary>(?:(?!<\/details>).)*id="auth-token">[0-9a-f]{32}</s);
  });

  test('editing keeps the logo unless a new one comes, and deleting ends the app, its logo and its grants', async () => {
    const { db } = server.current.deps;
    await developer.get('/console/apps/new');
    const created = await developer.postMultipart('/console/apps', appForm({ ...VALID_APP, FriendlyName: 'Short-lived' }));
    const sid = /(CN[0-9a-f]{32})/.exec(created.headers.get('location')!)![1]!;
    const customer = await createAccount(db, { friendlyName: 'Customer', type: 'Full', parentSid: null, now: Date.now() });
    await grantAccess(db, { connectAppSid: sid, accountSid: customer.sid, now: Date.now() });

    await developer.get(`/console/apps/${sid}`);
    const edited = await developer.postMultipart(`/console/apps/${sid}`, appForm({ ...VALID_APP, FriendlyName: 'Renamed', Permissions: ['get-all', 'post-all'] }, null));
    assert.equal(edited.status, 303);
    assert.equal(edited.headers.get('location'), `/console/apps/${sid}?saved=1`);
    const app = await db.selectFrom('connect_apps').selectAll().where('sid', '=', sid).executeTakeFirstOrThrow();
    assert.equal(app.friendly_name, 'Renamed');
    assert.equal(app.permissions, 'get-all,post-all');
    assert.equal((await fetch(`${server.current.url}/logos/${sid}`)).status, 200, 'the logo stays');

    const confirm = await developer.get(`/console/apps/${sid}/delete`);
    assert.match(pageText(confirm.html), /1 user has it authorized; their authorizations end at once/);
    const deleted = await developer.post(`/console/apps/${sid}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get('location'), '/console/apps?deleted=1');
    assert.equal(await db.selectFrom('connect_apps').select('sid').where('sid', '=', sid).executeTakeFirst(), undefined);
    assert.equal((await fetch(`${server.current.url}/logos/${sid}`)).status, 404);
    const grant = await db.selectFrom('connect_grants').selectAll().where('connect_app_sid', '=', sid).executeTakeFirstOrThrow();
    assert.equal(grant.status, 'revoked');
  });

  test('the consent decision redirects with 302, and a bad decision or an oversized state is a 400 page', async () => {
    await developer.get('/console/apps/new');
    const created = await developer.postMultipart('/console/apps', appForm({ ...VALID_APP, FriendlyName: 'Consent', AuthorizeRedirectUrl: 'https://example.com/cb?x=1' }));
    const sid = /(CN[0-9a-f]{32})/.exec(created.headers.get('location')!)![1]!;
    const consent = await developer.get(`/authorize/${sid}?state=abc`);
    assert.equal(consent.status, 200);
    assert.equal(consent.headers.get('cache-control'), 'no-store');
    const authorized = await developer.post(`/authorize/${sid}`, { decision: 'authorize', state: 'abc' });
    assert.equal(authorized.status, 302);
    assert.match(authorized.headers.get('location')!, /^https:\/\/example\.com\/cb\?x=1&AccountSid=AC[0-9a-f]{32}&state=abc$/);
    const odd = await developer.post(`/authorize/${sid}`, { decision: 'maybe' });
    assert.equal(odd.status, 400);
    assert.match(pageText(odd.html), /Choose Authorize or Deny/);
    assert.equal((await developer.get(`/authorize/${sid}?state=${'s'.repeat(3000)}`)).status, 400);
  });

  test('a visitor without a session is sent to log in and back to the same consent screen', async () => {
    const sid = /(CN[0-9a-f]{32})/.exec((await developer.get('/console/apps')).html)![1]!;
    const visitor = new PageClient(server.current.url);
    const first = await visitor.get(`/authorize/${sid}?state=a%20b`);
    assert.equal(first.status, 302);
    assert.equal(first.headers.get('location'), `/console/login?next=${encodeURIComponent(`/authorize/${sid}?state=a%20b`)}`);
    const posted = await visitor.post(`/authorize/${sid}`, { csrf: 'x', decision: 'authorize', state: 'q' });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.get('location'), `/console/login?next=${encodeURIComponent(`/authorize/${sid}?state=q`)}`);
  });

  test('browser routes answer unknown paths with a page, and the API keeps Twilio\'s JSON', async () => {
    const page = await fetch(`${server.current.url}/console/nowhere`);
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type')!, /text\/html/);
    const api = await fetch(`${server.current.url}/2010-04-01/Nowhere.json`);
    assert.equal(api.status, 404);
    assert.equal((await api.json()).code, 20404);
    assert.equal(api.headers.get('content-security-policy'), null);
  });
});
