import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { switchboardClient } from '@switchboard/connect/twilio';
import { DEMO_LOGINS } from '../../../scripts/demo-setup.ts';
import { findUserByEmail } from '../src/auth/users.ts';
import { chromiumForSuite } from './support/browser.ts';
import { countCalls, eventually, stackForSuite } from './support/stack.ts';

const CALLS = 20_000;
// The README's dashboard picture, retaken only when asked (`SCREENSHOT_DIR=docs npm test -- browser`), so a
// test run leaves the checkout as it found it.
const SCREENSHOT = process.env.SCREENSHOT_DIR ? join(process.env.SCREENSHOT_DIR, 'dashboard.png') : undefined;

describe('Call Analytics in Chromium', () => {
  const stack = stackForSuite({ calls: CALLS });
  const chromium = chromiumForSuite();

  test('a user signs up, connects a Switchboard account with seeded calls, sees the numbers the API reports, and is shown disconnected after revoking in the Console', async () => {
    const { app, switchboard, customer, developer, connectApp } = stack.current;
    const context = await chromium.current.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems: string[] = [];
    // Everything the app's pages do wrong in the browser: script errors, blocked resources, policy violations.
    const onApp = () => page.url().startsWith(app.url);
    page.on('console', (message) => {
      if (onApp() && (message.type() === 'error' || /Content Security Policy/i.test(message.text()))) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('response', (response) => {
      if (response.url().startsWith(app.url) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });

    // The app's own sign-up; the Connect button is only behind it.
    await page.goto(app.url);
    assert.equal(await page.getByRole('link', { name: 'Connect with Switchboard' }).count(), 0);
    await page.getByRole('link', { name: 'Create a free account' }).click();
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${app.url}/dashboard`);
    assert.equal((await page.locator('#connection-status').textContent())?.trim(), 'Not connected');
    assert.match((await page.locator('#billing-note').textContent())!, /Switchboard bills your account directly/);
    const button = page.getByRole('link', { name: 'Connect with Switchboard' });
    assert.equal(await button.evaluate((a) => getComputedStyle(a).backgroundColor), 'rgb(216, 35, 60)', 'the snippet\'s inline style is allowed by its hash');

    // Switchboard: the customer logs in and authorizes on the consent screen.
    await button.click();
    await page.waitForURL((url) => url.pathname === '/console/login');
    await page.getByLabel('Email').fill(DEMO_LOGINS.customer.email);
    await page.getByLabel('Password').fill(DEMO_LOGINS.customer.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === `/authorize/${connectApp.sid}`);
    assert.equal(await page.locator('#app-name').textContent(), 'Call Analytics');
    await page.getByRole('button', { name: 'Authorize' }).click();

    // Back in the app: the SID is stored and out of the address bar; the dashboard reads every call.
    await page.waitForURL(`${app.url}/dashboard?connected=1`, { timeout: 60_000 });
    // A long read first shows a progress page that reloads itself until the dashboard is ready.
    await page.locator('#total-calls').waitFor({ timeout: 120_000 });
    const sid = findUserByEmail(app.db, 'ada@example.com')!.account_sid!;
    assert.match(sid, /^AC[0-9a-f]{32}$/);

    const own = switchboardClient(customer.sid, customer.auth_token, { baseUrl: switchboard.url });
    const calls = await own.api.v2010.accounts(customer.sid).calls.list({ pageSize: 1000 });
    assert.equal(calls.length, CALLS);
    assert.equal(await countCalls(stack.current, customer.sid), CALLS);
    const shown = async (id: string) => Number(await page.locator(`#${id}`).getAttribute('data-value'));
    assert.equal(await shown('total-calls'), CALLS);
    assert.equal((await page.locator('#total-calls').textContent())?.trim(), '20,000');
    const completed = calls.filter((c) => c.status === 'completed').length;
    assert.equal(await shown('answer-rate'), completed / CALLS);
    for (const status of new Set(calls.map((c) => c.status))) {
      const legend = page.locator(`#status-list li[data-status="${status}"] .legend-value`);
      assert.equal(Number(await legend.getAttribute('data-value')), calls.filter((c) => c.status === status).length, status);
    }

    // The charts are drawn by the Chart.js the app serves, with the same totals.
    await page.waitForFunction(() => document.documentElement.dataset.chartsReady === 'true');
    // (No named functions inside evaluate: the test's TypeScript transform would reference a helper the page lacks.)
    const charted = async (id: string): Promise<number> =>
      page.locator(`#${id}`).evaluate((canvas) =>
        (window as unknown as { Chart: { getChart(c: Element): { data: { datasets: { data: number[] }[] } } } }).Chart.getChart(canvas).data.datasets.flatMap((d) => d.data).reduce((a, b) => a + b, 0));
    assert.equal(await charted('calls-per-day'), CALLS);
    assert.equal(await charted('status-breakdown'), CALLS);

    // The picture for the README: the dashboard as a returning user sees it (served from the cache).
    await page.goto(`${app.url}/dashboard`);
    await page.locator('#total-calls').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => document.documentElement.dataset.chartsReady === 'true');
    if (SCREENSHOT) {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    }

    // The customer revokes the app in the Switchboard Console.
    await page.goto(`${switchboard.url}/console/authorized-apps`);
    const row = page.locator('tr', { hasText: 'Call Analytics' });
    await row.getByRole('link', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke access' }).click();
    await page.waitForURL(`${switchboard.url}/console/authorized-apps?revoked=1`);
    await assert.rejects(switchboardClient(sid, developer.auth_token, { baseUrl: switchboard.url }).api.v2010.accounts.list(), { status: 403, code: 20006 });

    // The signed deauthorize callback reaches the app, which shows the account as disconnected.
    await eventually(() => findUserByEmail(app.db, 'ada@example.com')!.disconnected_at !== null, 'the deauthorize callback');
    await page.goto(`${app.url}/dashboard`);
    assert.equal((await page.locator('#connection-status').textContent())?.trim(), 'Disconnected');
    assert.match((await page.locator('#connect-message').textContent())!, /revoked in the Switchboard Console/);
    assert.ok(await page.getByRole('link', { name: 'Reconnect with Switchboard', exact: true }).isVisible(), 'Reconnect: the Connect button again');
    assert.equal(await page.locator('#total-calls').count(), 0);

    assert.deepEqual(problems, [], 'no console errors and no Content Security Policy violations');
    await context.close();
  });
});
