import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumForSuite } from '../support/browser.ts';
import { FAST_WEBHOOKS } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient } from '../support/twilio-client.ts';
import { createConnectApp, readCredentials, signUp, uniqueEmail } from '../console/steps.ts';

/** Everything the page logged as an error: a CSP violation shows up here. */
const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
};

/**
 * A customer authorizes an app that asks for too little; its denied purchase tells the developer which
 * permission it lacks; after the customer authorizes again, it buys a number and sends a message. The
 * customer sees each request, the chart and what it cost; the developer sees the denial; another developer
 * sees nothing.
 */
onEachDatabase('What an app did, in the Console', (database) => {
  let now = Date.UTC(2026, 10, 30, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: FAST_WEBHOOKS });
  const chromium = chromiumForSuite();
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
  });

  const authorizeAs = async (page: Page, appSid: string): Promise<string> => {
    await page.goto(`${server.current.url}/authorize/${appSid}`);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL((url) => url.pathname === '/twilio/authorize');
    return new URL(page.url()).searchParams.get('AccountSid')!;
  };

  test('the customer sees each request, the chart and the spend; the developer sees the denial; another developer sees nothing', async () => {
    const base = server.current.url;
    const dev = await (await chromium.current.newContext()).newPage();
    await signUp(dev, base, { email: uniqueEmail('developer'), accountName: 'Rossum Analytics' });
    const appSid = await createConnectApp(dev, base, {
      friendlyName: 'Call Analytics',
      companyName: 'Rossum',
      description: 'Analytics of your calls.',
      homepageUrl: `${receiver.origin}/`,
      termsUrl: `${receiver.origin}/terms`,
      authorizeUrl: `${receiver.origin}/twilio/authorize`,
      deauthorizeUrl: `${receiver.origin}/twilio/deauthorize`,
      deauthorizeMethod: 'POST',
      access: ['Read all account data'],
    });
    const developerToken = (await readCredentials(dev, base)).token;

    const page = await (await chromium.current.newContext()).newPage();
    const errors = watchErrors(page);
    await signUp(page, base, { email: uniqueEmail('customer'), accountName: 'Customer Co' });
    const customerSid = (await readCredentials(page, base)).sid;
    const subaccountSid = await authorizeAs(page, appSid);

    // The app reads, then tries to buy a number with read access only.
    // Each request a second after the last, so that the trail's order is the order they were made in.
    const app = twilioClient(base, subaccountSid, developerToken);
    const later = <T,>(request: () => Promise<T>): Promise<T> => {
      now += 1000;
      return request();
    };
    assert.ok((await later(() => app.api.v2010.accounts.list())).some((a) => a.sid === customerSid));
    await later(() => app.messages.list({ limit: 10 }));
    assert.deepEqual(await refusal(later(() => app.incomingPhoneNumbers.create({ phoneNumber: '+14155550194' }))), { status: 403, code: 20006 });

    // The developer learns from the Console which permission was missing, adds it, the customer authorizes again.
    await server.current.deps.audit!.flush();
    await dev.goto(`${base}/console/apps/${appSid}`);
    await dev.getByRole('link', { name: 'Activity' }).click();
    const denials = dev.locator('#denials');
    assert.ok(await denials.getByText(`/2010-04-01/Accounts/${subaccountSid}/IncomingPhoneNumbers.json`).isVisible());
    assert.ok(await denials.getByText('Needs “Charge account for usage”').isVisible());
    assert.ok(await dev.getByRole('img', { name: /Requests per day: 3 in 14 days/ }).isVisible());
    assert.match(await dev.locator('table.error-rates tbody tr').first().innerText(), /2026-11-30\s+3\s+1\s+33\.3 %/);
    await dev.goto(`${base}/console/apps/${appSid}`);
    await dev.getByLabel('Charge account for usage').check();
    await dev.getByRole('button', { name: 'Save changes' }).click();
    assert.equal(await authorizeAs(page, appSid), subaccountSid);

    // Now the app buys a number and texts from it; the message is billed when it is sent.
    const number = await later(() => app.incomingPhoneNumbers.create({ phoneNumber: '+14155550194' }));
    const message = await later(() => app.messages.create({ from: number.phoneNumber, to: '+12125550100', body: 'Your report is ready' }));
    now += 60_000;
    await server.current.simulator.advanceTo(now);
    await server.current.deps.audit!.flush();

    // The customer opens the app under Authorized Apps.
    await page.goto(`${base}/console/authorized-apps`);
    await page.getByRole('link', { name: 'Call Analytics' }).click();
    await page.waitForURL(`${base}/console/authorized-apps/${appSid}`);
    const rows = page.locator('table.activity tbody tr');
    const texts = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ')));
    assert.equal(texts.length, 5);
    assert.match(texts[0]!, new RegExp(`POST /2010-04-01/Accounts/${subaccountSid}/Messages\\.json 201 \\$0\\.0079`));
    assert.match(texts[1]!, new RegExp(`POST /2010-04-01/Accounts/${subaccountSid}/IncomingPhoneNumbers\\.json 201 \\$1\\.15`));
    assert.match(texts[2]!, /POST \S+IncomingPhoneNumbers\.json 403 20006 Needs “Charge account for usage” —/);
    assert.match(texts[3]!, new RegExp(`GET /2010-04-01/Accounts/${subaccountSid}/Messages\\.json 200 —`));
    assert.match(texts[4]!, /GET \/2010-04-01\/Accounts\.json 200 —/);
    assert.equal(await page.locator(`#${message.sid}`).count(), 0, 'rows are requests, not resources');

    // The chart: today's bar splits 2 reads, 2 writes, 1 denied; its numbers are in a table as well.
    assert.ok(await page.getByRole('img', { name: /Requests per day: 5 in 14 days/ }).isVisible());
    assert.equal(await page.locator('figure.chart > svg rect').count(), 3, 'one bar today, in three parts');
    await page.getByText('Requests per day as a table').click();
    assert.match(await page.locator('figure.chart details tbody tr').last().innerText(), /2026-11-30\s+2\s+2\s+1/);

    // The spend, from the usage records of its subaccount.
    const spend = (await page.locator('section', { hasText: 'Spent in its subaccount' }).innerText()).replace(/\s+/g, ' ');
    assert.match(spend, /\$1\.16 in all/);
    assert.match(spend, /Local Phone Numbers 1 \$1\.15/);
    assert.match(spend, /SMS Outbound 1 \$0\.01/);

    // Filters narrow the list; Revoke is right there.
    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('Status').fill('201');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/Method=POST/);
    assert.equal(await rows.count(), 2);
    assert.equal(await page.getByRole('link', { name: 'Revoke' }).getAttribute('href'), `/console/authorized-apps/${appSid}/revoke`);
    assert.deepEqual(errors, [], 'the page runs under its CSP without complaint');

    // Another developer sees nothing of it; neither does the customer of the developer's page.
    const other = await (await chromium.current.newContext()).newPage();
    await signUp(other, base, { email: uniqueEmail('other'), accountName: 'Other Developer' });
    for (const path of [`/console/apps/${appSid}/activity`, `/console/authorized-apps/${appSid}`]) {
      const response = await other.goto(`${base}${path}`);
      assert.equal(response!.status(), 404, path);
      assert.equal(await other.getByText('/2010-04-01/').count(), 0);
    }
    assert.equal((await page.goto(`${base}/console/apps/${appSid}/activity`))!.status(), 404);
  });
});
