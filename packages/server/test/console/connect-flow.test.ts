import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import { chromiumForSuite } from '../support/browser.ts';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';
import { twilioClient } from '../support/twilio-client.ts';
import { createConnectApp, fillSignUp, readCredentials, signUp, uniqueEmail } from './steps.ts';

/**
 * The seed's story end to end in Chromium: a developer creates a Connect App and its button, a
 * customer clicks it on the developer's site, signs up, authorizes, and the developer's code reads the
 * customer's account with twilio-node until the customer revokes the app and the signed deauthorize
 * callback arrives.
 */
onEachDatabase('The Connect quickstart in a browser', (database) => {
  const server = serveConsoleForSuite(database);
  const chromium = chromiumForSuite();
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
  });

  test('a developer builds an app, a customer authorizes it from the Connect button, the app reads their account, and revoking it sends a signed deauthorize callback', async () => {
    const base = server.current.url;
    const developer = await chromium.current.newContext();
    const dev = await developer.newPage();

    // The developer signs up and creates the quickstart's app, with a logo.
    await signUp(dev, base, { email: uniqueEmail('developer'), accountName: 'Rossum Analytics' });
    const appSid = await createConnectApp(dev, base, {
      friendlyName: 'Call Analytics',
      companyName: 'Rossum',
      description: 'In-depth analytics of your call logs.',
      homepageUrl: `${receiver.origin}/`,
      termsUrl: `${receiver.origin}/terms`,
      authorizeUrl: `${receiver.origin}/twilio/authorize?tenant=acme`,
      deauthorizeUrl: `${receiver.origin}/twilio/deauthorize`,
      deauthorizeMethod: 'POST',
      access: ['Read all account data'],
    });

    // "Generate Connect Button HTML": the snippet, with a state placeholder, and its live preview.
    const snippet = await dev.locator('#button-html').inputValue();
    assert.match(snippet, new RegExp(`href="${base}/authorize/${appSid}\\?state=YOUR_STATE"`));
    assert.doesNotMatch(snippet, /<script|<link|src="http/i, 'the snippet loads nothing from elsewhere');
    const preview = dev.locator('#button-preview a');
    assert.equal(await preview.getAttribute('href'), `${base}/authorize/${appSid}?state=YOUR_STATE`);
    assert.equal(await preview.evaluate((a) => getComputedStyle(a).backgroundColor), 'rgb(216, 35, 60)', 'the preview is styled, not blocked by the page policy');
    const developerCredentials = await readCredentials(dev, base);

    // The developer places the button on their site, with a state of their own.
    const state = 'session-4f2a 9&x=1';
    receiver.shopHtml = `<!DOCTYPE html><html><head><title>Call Analytics</title></head><body><h1>Connect your account</h1>${snippet.replace('YOUR_STATE', encodeURIComponent(state))}</body></html>`;

    // A customer, in a browser of their own, clicks it and signs up on the way.
    const customer = await chromium.current.newContext();
    const page = await customer.newPage();
    await page.goto(`${receiver.origin}/shop`);
    await page.getByRole('link', { name: 'Connect with Switchboard' }).click();
    await page.waitForURL(/\/console\/login\?next=/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await fillSignUp(page, { email: uniqueEmail('customer'), accountName: 'Customer Co' });
    await page.waitForURL(`${base}/authorize/${appSid}?state=${encodeURIComponent(state)}`);

    // The consent screen shows what the seed lists.
    assert.equal(await page.locator('#app-name').textContent(), 'Call Analytics');
    assert.equal(await page.locator('#company-name').textContent(), 'Rossum');
    assert.equal(await page.locator('#app-description').textContent(), 'In-depth analytics of your call logs.');
    assert.equal(await page.locator('#homepage-url').getAttribute('href'), `${receiver.origin}/`);
    assert.equal(await page.locator('#terms-url').getAttribute('href'), `${receiver.origin}/terms`);
    assert.ok(await page.getByText('Read all account data').isVisible());
    assert.equal(await page.getByText('Charge account for usage').count(), 0);
    assert.equal(await page.locator('#billing-warning').count(), 0, 'no billing warning without post-all');
    const logoWidth = await page.locator('img.logo').evaluate((img) => (img as HTMLImageElement).naturalWidth);
    assert.equal(logoWidth, 64, 'the uploaded logo loads');

    // Authorize: the browser lands on the Authorize URL with AccountSid and the same state, its own query kept.
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL((url) => url.pathname === '/twilio/authorize');
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('tenant'), 'acme');
    assert.equal(landed.searchParams.get('state'), state);
    const accountSid = landed.searchParams.get('AccountSid')!;
    assert.match(accountSid, /^AC[0-9a-f]{32}$/);
    const customerCredentials = await readCredentials(page, base);
    assert.notEqual(accountSid, customerCredentials.sid, 'the app gets a subaccount made for it');

    // The developer's code reads the customer's account with that AccountSid and its own token.
    const client = twilioClient(base, accountSid, developerCredentials.token);
    const accounts = await client.api.v2010.accounts.list();
    assert.ok(accounts.some((a) => a.sid === customerCredentials.sid));
    const connectSubaccount = await client.api.v2010.accounts(accountSid).fetch();
    assert.equal(connectSubaccount.friendlyName, 'Subaccount for ConnectApp: Call Analytics');
    assert.equal(connectSubaccount.authToken, null);
    const authorized = await client.api.v2010.accounts(customerCredentials.sid).authorizedConnectApps(appSid).fetch();
    assert.deepEqual(authorized.permissions, ['get-all']);

    // The customer sees the app under Authorized Apps and revokes it, confirming first.
    await page.goto(`${base}/console/authorized-apps`);
    const row = page.locator('tr', { hasText: 'Call Analytics' });
    assert.ok(await row.getByText('Rossum').isVisible());
    assert.ok(await row.getByText('Read all account data').isVisible());
    assert.equal(await row.getByRole('link', { name: 'Homepage' }).getAttribute('href'), `${receiver.origin}/`);
    assert.equal(await row.getByRole('link', { name: 'Terms of Service' }).getAttribute('href'), `${receiver.origin}/terms`);
    assert.equal(await row.locator('img.logo').evaluate((img) => (img as HTMLImageElement).naturalWidth), 64);
    await row.getByRole('link', { name: 'Revoke' }).click();
    assert.equal(receiver.received.filter((r) => r.path === '/twilio/deauthorize').length, 0, 'nothing is sent before the user confirms');
    await page.getByRole('button', { name: 'Revoke access' }).click();
    await page.waitForURL(`${base}/console/authorized-apps?revoked=1`);
    assert.equal(await page.locator('tr', { hasText: 'Call Analytics' }).count(), 0);

    // The developer's Deauthorize URL gets a POST signed with the developer's token.
    const [callback] = await receiver.waitFor('/twilio/deauthorize');
    assert.equal(callback!.method, 'POST');
    assert.deepEqual(callback!.form, { AccountSid: accountSid, ConnectAppSid: appSid });
    const signature = callback!.headers['x-twilio-signature'] as string;
    assert.equal(twilio.validateRequest(developerCredentials.token, signature, callback!.url, callback!.form), true);
    assert.equal(twilio.validateRequest(customerCredentials.token, signature, callback!.url, callback!.form), false);

    // From now on the app's requests are refused with 20006.
    await assert.rejects(client.api.v2010.accounts.list(), { status: 403, code: 20006 });

    // The receiver has a callback before the dispatcher has logged its answer: look until it shows.
    const openDeliveriesShowing = async (attempts: number) => {
      for (let tries = 0; tries < 50; tries++) {
        await dev.goto(`${base}/console/apps/${appSid}/deliveries`);
        if ((await dev.locator('tr.attempt').count()) === attempts) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // The developer sees the delivery, and a replay is a new, logged attempt.
    await openDeliveriesShowing(1);
    const attempt = dev.locator('tr.attempt').first();
    assert.ok(await attempt.getByText(`${receiver.origin}/twilio/deauthorize`).isVisible());
    assert.ok(await attempt.getByText('POST').isVisible());
    assert.equal((await attempt.locator('.badge').textContent())?.trim(), '200');
    await dev.getByRole('button', { name: 'Replay' }).click();
    await dev.waitForURL(/replayed=1/);
    await receiver.waitFor('/twilio/deauthorize', 2);
    await openDeliveriesShowing(2);
    assert.equal(await dev.locator('tbody.delivery').count(), 2);
    assert.equal(await dev.locator('tr.attempt').count(), 2);

    await developer.close();
    await customer.close();
  });
});
