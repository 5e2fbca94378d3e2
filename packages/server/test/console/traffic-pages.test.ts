import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTwilioApp, type TwilioApp } from '../callbacks/twilio-app.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber } from '../support/fixtures.ts';
import { PageClient, pageText } from '../support/page-client.ts';
import { serveForSuite } from '../support/server.ts';
import { uniqueEmail } from './steps.ts';

onEachDatabase('Console pages of calls and messages', (database) => {
  let now = Date.UTC(2025, 4, 9, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: TwilioApp;
  let owner: PageClient;
  let accountSid: string;
  let token: string;
  const NUMBER = '+14155550195';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };
  const control = (path: string, fields: Record<string, string>) =>
    fetch(`${server.current.url}/_switchboard/Accounts/${accountSid}/${path}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${token}`).toString('base64')}` },
      body: new URLSearchParams(fields),
    }).then((r) => r.json() as Promise<{ sid: string }>);

  before(async () => {
    const email = uniqueEmail('owner');
    owner = new PageClient(server.current.url);
    assert.equal((await owner.signUp(email)).status, 303);
    const { db } = server.current.deps;
    const user = await db.selectFrom('console_users').innerJoin('accounts', 'accounts.sid', 'console_users.account_sid').select(['accounts.sid', 'accounts.auth_token']).where('email', '=', email).executeTakeFirstOrThrow();
    [accountSid, token] = [user.sid, user.auth_token];
    app = await startTwilioApp(token);
    const sid = await giveNumber(db, accountSid, NUMBER);
    await db.updateTable('incoming_phone_numbers').set({ config: JSON.stringify({ sms_url: `${app.origin}/sms`, voice_url: `${app.origin}/voice` }) }).where('sid', '=', sid).execute();
  });
  after(() => app.close());

  test("a call's page shows its conversation step by step beside the requests made to the app", async () => {
    const call = await control('Inbound/Calls.json', { From: '+12125550150', To: NUMBER, Digits: '3' });
    await advance(0);
    await advance(60_000);
    const { status, html } = await owner.get(`/console/calls/${call.sid}`);
    assert.equal(status, 200);
    const text = pageText(html);
    assert.match(text, /Gather .*For sales press 1/);
    assert.match(text, /pressed 3/);
    assert.match(text, /Say We are open nine to five/);
    assert.match(text, /Sms texted "Our hours/);
    assert.ok(text.includes(`POST ${app.origin}/voice/menu`));
    assert.match(text, /Digits=3/);
  });

  test("a message's page shows the request to the app and its answer; another user sees nothing", async () => {
    const message = await control('Inbound/Messages.json', { From: '+12125550151', To: NUMBER, Body: 'hours' });
    await advance(0);
    const text = pageText((await owner.get(`/console/messages/${message.sid}`)).html);
    assert.ok(text.includes(`POST ${app.origin}/sms`));
    assert.match(text, /We are open 9 to 5/);
    const stranger = new PageClient(server.current.url);
    await stranger.signUp(uniqueEmail('stranger'));
    assert.equal((await stranger.get(`/console/messages/${message.sid}`)).status, 404);
  });
});
