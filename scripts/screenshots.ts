// Screenshots of the Console and the consent screen for the README, taken in Debian's Chromium
// against a real server on a throwaway SQLite file:
//   node --import tsx scripts/screenshots.ts [output directory, default docs/] [--all]
// `--all` also saves every other page, for reviewing the look.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../packages/server/test/support/browser.ts';
import { startTestServer } from '../packages/server/test/support/console-server.ts';
import { startReceiver } from '../packages/server/test/support/receiver.ts';
import { createConnectApp, fillSignUp, readCredentials, signUp, uniqueEmail } from '../packages/server/test/console/steps.ts';
import { startTwilioApp } from '../packages/server/test/callbacks/twilio-app.ts';
import { twilioClient } from '../packages/server/test/support/twilio-client.ts';
import { seedAccount } from '../packages/server/src/telephony/seed/seed-account.ts';

const args = process.argv.slice(2);
const all = args.includes('--all');
const out = resolve(args.find((a) => !a.startsWith('--')) ?? new URL('../docs/', import.meta.url).pathname);
mkdirSync(out, { recursive: true });

const dir = mkdtempSync(join(tmpdir(), 'switchboard-shots-'));
const server = await startTestServer(join(dir, 'db.sqlite'));
// Port 9000 matches the README's walk-through; any free port does when it is taken.
const receiver = await startReceiver(9000).catch(() => startReceiver());
const browser = await launchChromium();
const viewport = { width: 1200, height: 900 };

const shot = async (page: Page, name: string, always = false, fullPage = true) => {
  if (!always && !all) return;
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`saved ${join(out, `${name}.png`)}`);
};

try {
  const base = server.url;
  const developer = await browser.newContext({ viewport });
  const dev = await developer.newPage();
  await dev.goto(`${base}/console/signup`);
  await shot(dev, 'signup');
  await signUp(dev, base, { email: uniqueEmail('developer'), accountName: 'Rossum Analytics' });
  await dev.getByText('Show Auth Token').click();
  await shot(dev, 'account');

  // The form, filled in as the quickstart describes, with the errors an empty submit shows beside its fields.
  await dev.goto(`${base}/console/apps/new`);
  await dev.getByLabel('Friendly Name').fill('Call Analytics');
  await dev.getByRole('button', { name: 'Create Connect App' }).click();
  await shot(dev, 'connect-app-form-errors');

  const appSid = await createConnectApp(dev, base, {
    friendlyName: 'Call Analytics',
    companyName: 'Rossum',
    description: 'In-depth analytics of your call logs: busiest hours, missed calls and call lengths, charted daily.',
    homepageUrl: 'https://analytics.example.com/',
    termsUrl: 'https://analytics.example.com/terms',
    authorizeUrl: `${receiver.origin}/twilio/authorize`,
    deauthorizeUrl: `${receiver.origin}/twilio/deauthorize`,
    deauthorizeMethod: 'POST',
    access: ['Read all account data', 'Charge account for usage'],
  });
  await shot(dev, 'connect-button', true);
  await dev.goto(`${base}/console/apps/${appSid}`);
  await shot(dev, 'connect-app-form', true);
  await dev.goto(`${base}/console/apps`);
  await shot(dev, 'connect-apps');

  const snippet = await (await dev.goto(`${base}/console/apps/${appSid}/button`), dev.locator('#button-html').inputValue());
  receiver.shopHtml = `<!DOCTYPE html><title>Call Analytics</title><body style="font-family:sans-serif;padding:40px"><h1>Call Analytics</h1><p>Connect your account to see your call analytics.</p>${snippet.replace('YOUR_STATE', 'demo')}</body>`;

  const customer = await browser.newContext({ viewport });
  const page = await customer.newPage();
  await page.goto(`${receiver.origin}/shop`);
  await page.getByRole('link', { name: 'Connect with Switchboard' }).click();
  await page.waitForURL(/\/console\/login/);
  await shot(page, 'login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  const customerEmail = uniqueEmail('customer');
  await fillSignUp(page, { email: customerEmail, accountName: 'Customer Co' });
  await page.waitForURL(/\/authorize\//);
  await shot(page, 'consent-screen', true);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.waitForURL((url) => url.pathname === '/twilio/authorize');

  // The app at work, so that the audit trail has something to show: reads, a purchase, messages, a refusal.
  const subaccountSid = new URL(page.url()).searchParams.get('AccountSid')!;
  const app = twilioClient(base, subaccountSid, (await readCredentials(dev, base)).token);
  const [customerAccount] = (await app.api.v2010.accounts.list()).filter((a) => a.sid !== subaccountSid);
  await app.calls.list({ limit: 20 });
  await app.messages.list({ limit: 20 });
  const number = await app.incomingPhoneNumbers.create({ phoneNumber: '+14155550196' });
  for (const body of ['Your weekly call report is ready', 'Missed calls: 3 this week']) await app.messages.create({ from: number.phoneNumber, to: '+12125550100', body });
  await app.api.v2010.accounts(customerAccount!.sid).update({ friendlyName: 'Renamed by the app' }).catch(() => undefined);
  await app.messages.list({ limit: 20 });
  // Messages are billed once the simulation sends them, moments later.
  const unpriced = () => server.deps.db.selectFrom('messages').select('sid').where('account_sid', '=', subaccountSid).where('price', 'is', null).execute();
  for (let tries = 0; tries < 50 && (await unpriced()).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 200));
  await server.deps.audit!.flush();
  await page.goto(`${base}/console/authorized-apps`);
  await shot(page, 'authorized-apps');
  await page.getByRole('link', { name: 'Call Analytics' }).click();
  await shot(page, 'authorized-app-activity', true);
  await dev.goto(`${base}/console/apps/${appSid}/activity`);
  await shot(dev, 'connect-app-activity', true);

  // The customer's logs and usage, over a few months of seeded history in their account and the app's subaccount.
  const { db } = server.deps;
  const customerSid = (await db.selectFrom('console_users').select('account_sid').where('email', '=', customerEmail).executeTakeFirstOrThrow()).account_sid;
  const appSubaccount = (await db.selectFrom('connect_grants').select('subaccount_sid').where('account_sid', '=', customerSid).executeTakeFirstOrThrow()).subaccount_sid;
  await seedAccount(db, { accountSid: customerSid, calls: 3000, messages: 1500, days: 120, seed: 1, now: Date.now() });
  await seedAccount(db, { accountSid: appSubaccount, calls: 400, messages: 0, days: 20, seed: 2, now: Date.now() });
  // Log pages hold 50 rows: their first screenful shows what they are.
  for (const [name, path] of [['console-calls', '/console/calls'], ['console-messages', '/console/messages'], ['console-recordings', '/console/recordings'], ['console-usage', '/console/usage']] as const) {
    await page.goto(`${base}${path}`);
    await shot(page, name, true, name === 'console-usage');
  }
  const phone = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, storageState: await customer.storageState() })).newPage();
  await phone.goto(`${base}/console/calls`);
  await shot(phone, 'console-calls-phone', true, false);
  await page.goto(`${base}/console/authorized-apps`);
  await page.getByRole('link', { name: 'Revoke' }).click();
  await shot(page, 'revoke');
  await page.getByRole('button', { name: 'Revoke access' }).click();
  await receiver.waitFor('/twilio/deauthorize');
  await dev.goto(`${base}/console/apps/${appSid}/deliveries`);
  await shot(dev, 'deliveries');
  await dev.goto(`${base}/authorize/CN00000000000000000000000000000000`);
  await shot(dev, 'error-page');

  // The phone, against the IVR and SMS auto-responder the tests use, on a number bought through the API.
  const { sid, token } = await readCredentials(dev, base);
  const ivr = await startTwilioApp(token);
  try {
    await twilioClient(base, sid, token).incomingPhoneNumbers.create({
      phoneNumber: '+14155550123', friendlyName: 'Front desk', smsUrl: `${ivr.origin}/sms`, voiceUrl: `${ivr.origin}/voice`, statusCallback: `${ivr.origin}/voice/status`,
    });
    await dev.goto(`${base}/console/phone`);
    await dev.getByLabel('Message').fill('hours');
    await dev.getByRole('button', { name: 'Send text' }).click();
    await dev.locator('#thread-requests').getByText('MessageStatus=delivered').waitFor({ timeout: 30_000 });
    await shot(dev, 'phone-text', true);
    await dev.getByLabel('Digits to press').fill('3');
    await dev.getByRole('button', { name: 'Call' }).click();
    await dev.locator('#thread-requests').getByText('CallStatus=completed').waitFor({ timeout: 60_000 });
    await shot(dev, 'phone-call', true);
    await dev.getByRole('link', { name: "Open the call's page" }).click();
    await shot(dev, 'call-page', true);
  } finally {
    await ivr.close();
  }
} finally {
  await browser.close();
  await receiver.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
