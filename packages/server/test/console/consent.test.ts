import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { formatPermissions, type Permission } from '../../src/connect/permissions.ts';
import { createAppFor } from '../../src/connect/create-connect-app.ts';
import { createAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import { saveLogo } from '../../src/storage/repositories/connect-app-logos.ts';
import { deleteAppAndGrants } from '../../src/connect/delete-connect-app.ts';
import type { ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import { chromiumForSuite } from '../support/browser.ts';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makePng } from '../support/png.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';
import { twilioClient } from '../support/twilio-client.ts';
import { createConnectApp, readCredentials, signUp, uniqueEmail } from './steps.ts';

onEachDatabase('The consent screen', (database) => {
  const server = serveConsoleForSuite(database);
  const chromium = chromiumForSuite();
  let receiver: Receiver;
  let developer: Account;
  const contexts: BrowserContext[] = [];

  before(async () => {
    receiver = await startReceiver();
    developer = await createAccount(server.current.deps.db, { friendlyName: 'Developer', type: 'Full', parentSid: null, now: Date.now() });
  });
  after(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await receiver.close();
  });

  const makeApp = async (overrides: { name?: string; description?: string; permissions?: Permission[] } = {}): Promise<ConnectApp> => {
    const { db } = server.current.deps;
    const app = await createAppFor(db, developer, {
      friendly_name: overrides.name ?? 'Call Analytics',
      company_name: 'Rossum',
      description: overrides.description ?? 'Analytics for your calls',
      homepage_url: `${receiver.origin}/`,
      terms_of_service_url: `${receiver.origin}/terms`,
      authorize_redirect_url: `${receiver.origin}/cb?tenant=acme`,
      deauthorize_callback_url: `${receiver.origin}/deauthorize`,
      deauthorize_callback_method: 'POST',
      permissions: formatPermissions(overrides.permissions ?? ['get-all']),
    }, Date.now());
    await saveLogo(db, { connect_app_sid: app.sid, content_type: 'image/png', data: makePng().toString('base64'), date_updated: Date.now() });
    return app;
  };

  /** A customer with a Console session of their own, in a fresh browser context. */
  const newCustomer = async (): Promise<Page> => {
    const context = await chromium.current.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signUp(page, server.current.url, { email: uniqueEmail('customer'), accountName: 'Customer' });
    return page;
  };

  const callbacks = () => receiver.received.filter((r) => r.path === '/cb');

  test('denying sends the user back with error=unauthorized_client and the same state, and grants nothing', async () => {
    const app = await makeApp();
    const page = await newCustomer();
    await page.goto(`${server.current.url}/authorize/${app.sid}?state=deny-me`);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((url) => url.pathname === '/cb');
    const landed = new URL(page.url());
    assert.deepEqual([...landed.searchParams.keys()], ['tenant', 'error', 'state']);
    assert.equal(landed.searchParams.get('error'), 'unauthorized_client');
    assert.equal(landed.searchParams.get('state'), 'deny-me');
    const grants = await server.current.deps.db.selectFrom('connect_grants').selectAll().where('connect_app_sid', '=', app.sid).execute();
    assert.deepEqual(grants, []);
  });

  test('after the app adds "Charge account for usage", re-authorizing keeps the same subaccount and unlocks charging', async () => {
    const base = server.current.url;
    const devContext = await chromium.current.newContext();
    contexts.push(devContext);
    const dev = await devContext.newPage();
    await signUp(dev, base, { email: uniqueEmail('developer'), accountName: 'Dev Shop' });
    const appSid = await createConnectApp(dev, base, {
      friendlyName: 'Texter', companyName: 'Dev Shop', description: 'Sends your reminders.', homepageUrl: `${receiver.origin}/`,
      termsUrl: `${receiver.origin}/terms`, authorizeUrl: `${receiver.origin}/cb`, deauthorizeUrl: '', deauthorizeMethod: 'GET',
      access: ['Read all account data'],
    });
    const { token } = await readCredentials(dev, base);

    const page = await newCustomer();
    await page.goto(`${base}/authorize/${appSid}`);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL((url) => url.pathname === '/cb');
    const first = new URL(page.url()).searchParams.get('AccountSid')!;
    const client = twilioClient(base, first, token);
    const sendMessage = () => client.messages.create({ to: '+14155550100', from: '+15005550006', body: 'Your appointment is tomorrow.' });
    await assert.rejects(sendMessage(), { status: 403, code: 20006 });

    // The developer adds the permission in the Console; the customer's grant does not grow by itself.
    await dev.goto(`${base}/console/apps/${appSid}`);
    await dev.getByLabel('Charge account for usage').check();
    await dev.getByRole('button', { name: 'Save changes' }).click();
    await dev.waitForURL(`${base}/console/apps/${appSid}?saved=1`);
    assert.ok(await dev.getByText('Changes saved.').isVisible());
    await assert.rejects(sendMessage(), { status: 403, code: 20006 });

    // Re-authorizing shows the billing warning, grants post-all, and returns the same AccountSid.
    await page.goto(`${base}/authorize/${appSid}`);
    assert.match((await page.locator('#billing-warning').textContent())!, /Usage is billed to your account/);
    assert.ok(await page.getByText('You authorized this app on').isVisible());
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL((url) => url.pathname === '/cb');
    assert.equal(new URL(page.url()).searchParams.get('AccountSid'), first);
    const message = await sendMessage();
    assert.equal(message.accountSid, first);
  });

  test('a consent POST without the session\'s CSRF token is refused and redirects nowhere', async () => {
    const app = await makeApp();
    const page = await newCustomer();
    const before = callbacks().length;

    // A tampered token in the real form.
    await page.goto(`${server.current.url}/authorize/${app.sid}?state=s`);
    await page.locator('input[name=csrf]').evaluate((input) => { (input as HTMLInputElement).value = 'forged'; });
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Authorize' }).click()]);
    assert.equal(refused.status(), 403);
    assert.ok(await page.getByText('This form has expired or did not come from this site').isVisible());

    // A form on another site that posts to the consent URL with the user's cookies but no token.
    receiver.shopHtml = `<!DOCTYPE html><form id="f" method="post" action="${server.current.url}/authorize/${app.sid}"><input name="decision" value="authorize"><input name="state" value="evil"></form><script>document.getElementById('f').submit()</script>`;
    const [crossSite] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.goto(`${receiver.origin}/shop`)]);
    assert.equal(crossSite.status(), 403);

    assert.equal(callbacks().length, before, 'no redirect reached the app');
    const grants = await server.current.deps.db.selectFrom('connect_grants').selectAll().where('connect_app_sid', '=', app.sid).execute();
    assert.deepEqual(grants, []);
  });

  test('a script in the app\'s name or description is shown as text and never runs', async () => {
    const description = `<script>document.title = 'pwned'</script><img src="x" onerror="document.title = 'pwned'">`;
    const app = await makeApp({ name: '<b>Bold</b> App', description });
    const page = await newCustomer();
    await page.goto(`${server.current.url}/authorize/${app.sid}`);
    assert.equal(await page.locator('#app-description').textContent(), description);
    assert.equal(await page.locator('#app-name').textContent(), '<b>Bold</b> App');
    assert.equal(await page.locator('#app-description script, #app-description img, #app-name b').count(), 0);
    assert.equal(await page.title(), 'Authorize <b>Bold</b> App · Switchboard');
  });

  test('the consent page refuses to be framed, is never cached, and carries a strict policy', async () => {
    const app = await makeApp();
    const page = await newCustomer();
    const response = await page.goto(`${server.current.url}/authorize/${app.sid}`);
    const headers = response!.headers();
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['cache-control'], 'no-store');
    const csp = headers['content-security-policy']!;
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`form-action 'self' ${receiver.origin.replace(/[.]/g, '\\.')}(;|$)`));

    receiver.shopHtml = `<!DOCTYPE html><h1>Framing</h1><iframe id="victim" src="${server.current.url}/authorize/${app.sid}" width="600" height="600"></iframe>`;
    const blocked = page.waitForEvent('console', { predicate: (m) => /frame-ancestors|Refused to display/.test(m.text()), timeout: 10_000 });
    await page.goto(`${receiver.origin}/shop`);
    await blocked;
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const framedText = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    assert.doesNotMatch(framedText, /Authorize|Call Analytics/);
  });

  test('an unknown or deleted app shows an error page and sends the user nowhere', async () => {
    const app = await makeApp();
    await deleteAppAndGrants(server.current.deps.db, app.sid, Date.now());
    const page = await newCustomer();
    const before = callbacks().length;
    for (const sid of [app.sid, `CN${'0'.repeat(32)}`, 'not-a-sid']) {
      const response = await page.goto(`${server.current.url}/authorize/${sid}?state=x`);
      assert.equal(response!.status(), 404);
      assert.equal(new URL(page.url()).origin, server.current.url);
      assert.ok(await page.getByText('This Connect App does not exist or has been deleted').isVisible());
    }
    assert.equal(callbacks().length, before);
  });
});
