import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { findAccount } from '../../src/storage/repositories/accounts.ts';
import { insertNotification } from '../../src/storage/repositories/notifications.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { newSid } from '../../src/util/sid.ts';
import { chromiumForSuite } from '../support/browser.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { signUp, uniqueEmail } from './steps.ts';

const CALLS = 160;
const MESSAGES = 70;

/** The text of every cell in a column of the log table. */
const column = (page: Page, index: number) => page.locator(`main table tbody tr td:nth-child(${index})`).allInnerTexts();

onEachDatabase('Console logs, recordings, notifications and usage', (database) => {
  const server = serveConsoleForSuite(database);
  const chromium = chromiumForSuite();
  let page: Page;
  let accountSid: string;
  let connectSid: string;
  let base: string;

  before(async () => {
    base = server.current.url;
    const { db } = server.current.deps;
    const context = await chromium.current.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    const email = uniqueEmail('logs');
    await signUp(page, base, { email, accountName: 'Logs Co' });
    accountSid = (await db.selectFrom('console_users').select('account_sid').where('email', '=', email).executeTakeFirstOrThrow()).account_sid;
    const now = Date.now();
    await seedAccount(db, { accountSid, calls: CALLS, messages: MESSAGES, days: 45, seed: 3, now });
    const developer = await makeAccount(db, 'Rossum');
    const app = await makeApp(db, developer, ['get-all', 'post-all'], 'Spend Tracker');
    connectSid = await authorize(db, app, (await findAccount(db, accountSid))!);
    await seedAccount(db, { accountSid: connectSid, calls: 12, messages: 0, days: 3, seed: 4, now });
    await insertNotification(db, {
      sid: newSid('NO'), account_sid: accountSid, call_sid: null, error_code: '11200', log: '0', message_text: 'HTTP retrieval failure',
      request_method: 'POST', request_url: 'https://app.example.com/voice', request_variables: null, response_body: null, response_headers: null, date_created: now,
    });
  });

  test('the Calls log pages newest first through every call, forward and back', async () => {
    await page.goto(`${base}/console/calls`);
    assert.equal(await page.locator('nav[aria-label="Console"] a[aria-current="page"]').innerText(), 'Calls');
    const seen = new Set<string>();
    let firstPage: string[] = [];
    for (let n = 0; ; n++) {
      const links = await page.locator('main tbody a.row-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      if (n === 0) firstPage = links;
      for (const link of links) seen.add(link);
      const older = page.getByRole('link', { name: 'Older →' });
      if ((await older.count()) === 0) break;
      await older.click();
    }
    assert.equal(seen.size, CALLS, 'every call appears exactly once');
    await page.getByRole('link', { name: 'Newest' }).click();
    assert.deepEqual(await page.locator('main tbody a.row-link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), firstPage);
  });

  test('the Calls filters narrow the list as the API does, and clear again', async () => {
    await page.goto(`${base}/console/calls`);
    await page.getByLabel('Status').selectOption('busy');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const statuses = await column(page, 4);
    assert.ok(statuses.length > 0, 'the seeded history has busy calls');
    assert.deepEqual(new Set(statuses), new Set(['busy']));

    const to = (await column(page, 2))[0]!.split(' → ')[1]!;
    await page.getByLabel('To', { exact: true }).fill(to);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    assert.ok((await column(page, 2)).every((cell) => cell.endsWith(`→ ${to}`)));

    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByLabel('Started on or after').fill('2001-01-01');
    await page.getByLabel('Started on or before').fill('2001-01-31');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    assert.match(await page.locator('main .empty').innerText(), /Nothing matches these filters/);
  });

  test("a call's row opens the call's page; a message's row opens the message's page", async () => {
    await page.goto(`${base}/console/calls`);
    const first = page.locator('main tbody a.row-link').first();
    const href = (await first.getAttribute('href'))!;
    await first.click();
    await page.waitForURL(`${base}${href}`);
    assert.match(await page.locator('h1').innerText(), /^Call \+\d+ → \+\d+$/);
    assert.equal(await page.locator('nav[aria-label="Console"] a[aria-current="page"]').innerText(), 'Calls');

    await page.goto(`${base}/console/messages`);
    assert.equal(await page.locator('main tbody tr').count(), 50);
    const message = page.locator('main tbody a.row-link').first();
    const messageHref = (await message.getAttribute('href'))!;
    await message.click();
    await page.waitForURL(`${base}${messageHref}`);
    assert.match(await page.locator('h1').innerText(), /^Message /);
  });

  test('the subaccount picker shows a Connect subaccount by its app, with its own calls only', async () => {
    await page.goto(`${base}/console/calls`);
    await page.getByLabel('Account').selectOption({ label: 'Spend Tracker (Connect App)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    assert.equal(await page.locator('main tbody tr').count(), 12);
    const stranger = await chromium.current.newContext();
    const other = await stranger.newPage();
    await signUp(other, base, { email: uniqueEmail('stranger'), accountName: 'Stranger' });
    const response = await other.goto(`${base}/console/calls?account=${connectSid}`);
    assert.equal(response!.status(), 404);
    await stranger.close();
  });

  test('a recording plays from the Console: its source answers 200 with WAV audio, to its owner only', async () => {
    await page.goto(`${base}/console/recordings`);
    const audio = page.locator('main audio').first();
    const src = (await audio.getAttribute('src'))!;
    const response = await page.request.get(`${base}${src}`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'audio/x-wav');
    const bytes = await response.body();
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.ok(bytes.length > 8_000, 'at least a second of audio');
    const duration = await audio.evaluate(async (el: HTMLAudioElement) => {
      el.preload = 'metadata';
      el.load();
      await new Promise((resolve, reject) => { el.onloadedmetadata = resolve; el.onerror = reject; });
      return el.duration;
    });
    assert.ok(duration > 0, 'Chromium decodes the audio');
    const stranger = await chromium.current.newContext();
    assert.equal((await stranger.request.get(`${base}${src}`, { maxRedirects: 0 })).status(), 302, 'signed out: sent to sign in');
    await stranger.close();
  });

  test("the Notifications page lists the account's errors", async () => {
    await page.goto(`${base}/console/notifications`);
    assert.match(await page.locator('main tbody').innerText(), /Error 11200[\s\S]*HTTP retrieval failure/);
    await page.getByLabel('Level').selectOption('warning');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    assert.equal(await page.locator('main tbody tr').count(), 0);
  });

  test('the Usage page charts each seeded category per day and month, lists balance changes and each account’s spend', async () => {
    await page.goto(`${base}/console/usage`);
    const monthly = await page.locator('#monthly-heading + .charts h3').allInnerTexts();
    for (const category of ['calls-inbound', 'calls-outbound', 'sms-inbound', 'sms-outbound', 'recordings']) {
      assert.ok(monthly.some((title) => title.includes(`(${category})`)), `a monthly chart for ${category}`);
    }
    assert.ok((await page.locator('#daily-heading + .charts svg rect.bar').count()) > 0);
    const changes = await page.locator('table.balance-changes tbody').innerText();
    assert.match(changes, /Starting credit \(Full account\)\s+\+\$20\.00/);
    assert.match(changes, /Credit: seeded history\s+\+\$\d+\.\d+/);
    assert.match(changes, /Usage in \d{4}-\d{2}\s+−\$\d+\.\d+/);
    assert.match(await page.getByRole('region', { name: 'Spend by account' }).innerText(), /Spend Tracker \(Connect App\)/);

    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Spend Tracker (Connect App)' });
    await page.getByRole('button', { name: 'Show' }).click();
    const own = await page.locator('#daily-heading + .charts h3').allInnerTexts();
    assert.ok(own.length > 0 && own.every((title) => /calls|recordings|transcriptions/.test(title)), 'the app made only calls');
  });
});
