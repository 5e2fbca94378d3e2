import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { startTwilioApp, type TwilioApp } from '../callbacks/twilio-app.ts';
import { chromiumForSuite } from '../support/browser.ts';
import { onEachDatabase } from '../support/databases.ts';
import { PageClient, pageText } from '../support/page-client.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';
import { readCredentials, signUp, uniqueEmail } from './steps.ts';

onEachDatabase('The Console phone', (database) => {
  let now = Date.UTC(2025, 4, 9, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  const chromium = chromiumForSuite();
  const NUMBER = '+14155550196';
  let app: TwilioApp;
  let context: BrowserContext;
  let page: Page;
  let credentials: { sid: string; token: string };
  /** Content-Security-Policy violations and script errors the pages reported. */
  const pageErrors: string[] = [];

  /** Moves the simulation on and sends every callback that is due, as the running server would. */
  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };

  before(async () => {
    const base = server.current.url;
    context = await chromium.current.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => (m.type() === 'error' ? pageErrors.push(m.text()) : undefined));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signUp(page, base, { email: uniqueEmail('phone'), accountName: 'Rossum' });
    credentials = await readCredentials(page, base);
    const { sid, token } = credentials;
    app = await startTwilioApp(token);
    await twilioClient(base, sid, token).incomingPhoneNumbers.create({
      phoneNumber: NUMBER, friendlyName: 'Rossum front desk',
      smsUrl: `${app.origin}/sms`, voiceUrl: `${app.origin}/voice`, statusCallback: `${app.origin}/voice/status`,
    });
  });
  after(async () => {
    await context.close();
    await app.close();
  });

  test('texting a number from the phone shows the text, the reply and its status callbacks as they happen', async () => {
    await page.goto(`${server.current.url}/console`);
    await page.getByRole('link', { name: 'Phone' }).click();
    await page.getByLabel('Your number').selectOption({ label: `${NUMBER} · Rossum front desk` });
    assert.equal(await page.getByLabel('Calling or texting from').inputValue(), '+15555550100');
    await page.getByLabel('Message').fill('hours');
    await page.getByRole('button', { name: 'Send text' }).click();
    await page.waitForURL(/[?&]text=SM[0-9a-f]{32}/);
    const conversation = page.locator('#thread-conversation');
    const requests = page.locator('#thread-requests');
    assert.match(await conversation.innerText(), /hours/);
    assert.match(await requests.innerText(), /None yet/);

    // The page was loaded before the app was asked: what follows arrives by polling, under the page's CSP.
    await advance(0);
    await advance(60_000);
    await conversation.getByText(/We are open 9 to 5, Monday to Friday\. \(delivered\)/).waitFor();
    await requests.getByText(`POST ${app.origin}/sms/status (MessageStatus=delivered)`).waitFor();
    const listed = await requests.innerText();
    assert.ok(listed.includes(`POST ${app.origin}/sms (Body=hours) → 200`), listed);
    assert.ok(listed.includes(`POST ${app.origin}/sms/status (MessageStatus=sent) → 204`), listed);

    assert.deepEqual(app.refused, []);
    assert.deepEqual(app.seen.filter((s) => s.path.startsWith('/sms')).map((s) => [s.path, s.params.Body ?? s.params.MessageStatus]), [
      ['/sms', 'hours'], ['/sms/status', 'sent'], ['/sms/status', 'delivered'],
    ]);
    assert.deepEqual(pageErrors, []);
  });

  test('calling a number and pressing 1 shows the IVR conversation beside the requests, linked to the call page', async () => {
    await page.goto(`${server.current.url}/console/phone`);
    await page.getByLabel('Your number').selectOption({ label: `${NUMBER} · Rossum front desk` });
    await page.getByLabel('Calling or texting from').fill('+15555550123');
    await page.getByLabel('Digits to press').fill('1');
    await page.getByRole('button', { name: 'Call' }).click();
    await page.waitForURL(/[?&]call=CA[0-9a-f]{32}/);
    const callSid = new URL(page.url()).searchParams.get('call')!;

    for (let i = 0; i < 5; i++) await advance(60_000);
    const conversation = page.locator('#thread-conversation');
    await conversation.getByText(/Say Thanks for calling Rossum\. For sales press 1/).waitFor();
    await conversation.getByText('Gather pressed 1').waitFor();
    await conversation.getByText(/Dial \+12125550111: /).waitFor();
    await page.locator('#thread-status').getByText('completed').waitFor();
    await page.locator('#thread-requests').getByText(`POST ${app.origin}/voice/status (CallStatus=completed) → 204`).waitFor();
    const afterDial = await page.locator('#thread-requests').getByText(`POST ${app.origin}/voice/after-dial`).innerText();
    const dialStatus = /DialCallStatus=([a-z-]+)/.exec(afterDial)![1];
    // The Dial leg's own callbacks are listed with the call's: the last one says how the leg ended.
    await page.locator('#thread-requests').getByText(`POST ${app.origin}/voice/leg-status (CallStatus=${dialStatus}) → 204`).waitFor();
    const requests = await page.locator('#thread-requests').innerText();
    assert.ok(requests.includes(`POST ${app.origin}/voice (CallStatus=ringing) → 200`), requests);
    assert.ok(requests.includes(`POST ${app.origin}/voice/menu (CallStatus=in-progress, Digits=1) → 200`), requests);

    await page.getByRole('link', { name: "Open the call's page" }).click();
    await page.waitForURL(`${server.current.url}/console/calls/${callSid}`);
    assert.match(pageText(await page.content()), /Gather .*pressed 1/);

    const voice = app.seen.filter((s) => s.params.CallSid === callSid || s.params.ParentCallSid === callSid);
    assert.deepEqual(voice.slice(0, 2).map((s) => s.path), ['/voice', '/voice/menu']);
    assert.ok(voice.some((s) => s.path === '/voice/after-dial' && s.params.DialCallSid));
    assert.deepEqual(app.refused, []);
    assert.deepEqual(pageErrors, []);
  });

  test("the form refuses what the control refuses, without writing; another user cannot watch this account's calls", async () => {
    const client = new PageClient(server.current.url);
    await client.signUp(uniqueEmail('form'));
    await client.get('/console/phone');
    const refused = await client.post('/console/phone/text', { number: 'PN00000000000000000000000000000000', from: '+15555550100', body: 'hi' });
    assert.equal(refused.status, 404);
    assert.match(pageText(refused.html), /Pick one of your numbers/);
    const forged = await client.post('/console/phone/call', { csrf: 'forged', number: 'PN00000000000000000000000000000000' });
    assert.equal(forged.status, 403);

    const { db } = server.current.deps;
    const before = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const empty = await page.request.post(`${server.current.url}/console/phone/text`, {
      form: { csrf: await page.locator('input[name=csrf]').first().inputValue(), number: await ownNumberSid(), from: '+15555550100', body: '' },
      maxRedirects: 0,
    });
    assert.equal(empty.status(), 400);
    assert.match(pageText(await empty.text()), /Body or MediaUrl is required/);
    const afterwards = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterwards.n), Number(before.n));

    const call = await db.selectFrom('calls').select('sid').where('to', '=', NUMBER).executeTakeFirstOrThrow();
    assert.equal((await client.get(`/console/phone/calls/${call.sid}.json`)).status, 404);
    assert.equal((await client.get(`/console/phone?call=${call.sid}`)).status, 404);
    const mine = await page.request.get(`${server.current.url}/console/phone/calls/${call.sid}.json`);
    assert.equal(mine.status(), 200);
    assert.equal(((await mine.json()) as { status: string }).status, 'completed');
  });

  test("a subaccount's numbers are on the phone too; texting one runs as that subaccount", async () => {
    const base = server.current.url;
    const parent = twilioClient(base, credentials.sid, credentials.token);
    const sub = await parent.api.v2010.accounts.create({ friendlyName: 'Branch office' });
    const asParent = twilioClient(base, credentials.sid, credentials.token, sub.sid);
    await asParent.incomingPhoneNumbers.create({ phoneNumber: '+14155550197', friendlyName: 'Branch desk', smsUrl: `${app.origin}/sms` });
    await page.goto(`${base}/console/phone`);
    await page.getByLabel('Your number').selectOption({ label: '+14155550197 · Branch desk (Branch office)' });
    await page.getByLabel('Message').fill('hello');
    await page.getByRole('button', { name: 'Send text' }).click();
    await page.waitForURL(/[?&]text=SM[0-9a-f]{32}/);
    const text = await asParent.messages(new URL(page.url()).searchParams.get('text')!).fetch();
    assert.equal(text.accountSid, sub.sid);
    assert.equal(text.direction, 'inbound');
    await advance(0);
    // The request is signed with the subaccount's own Auth Token: this app holds the parent's, so it refuses it.
    await page.locator('#thread-requests').getByText(`POST ${app.origin}/sms (Body=hello) → 403`).waitFor();
    assert.match(await page.locator('#thread-conversation').innerText(), /hello/);
  });

  const ownNumberSid = async () =>
    (await server.current.deps.db.selectFrom('incoming_phone_numbers').select('sid').where('phone_number', '=', NUMBER).executeTakeFirstOrThrow()).sid;
});
