import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertMatchesSpec, assertTwilioError } from '../support/spec-validator.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { startTwilioApp, type TwilioApp } from './twilio-app.ts';

onEachDatabase('Inbound messages and the app that answers them', (database) => {
  let now = Date.UTC(2025, 4, 7, 10, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: TwilioApp;
  let developer: Account;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  const NUMBER = '+14155550170';
  const CUSTOMER = '+12125550199';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };

  /** The test control, as curl or the CLI would call it. */
  const text = async (fields: Record<string, string>, username = user.sid, password = user.auth_token, accountSid = connectSid) => {
    const response = await fetch(`${server.current.url}/_switchboard/Accounts/${accountSid}/Inbound/Messages.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const repliesTo = async (to: string) => (await connect.messages.list({ to })).filter((m) => m.direction === 'outbound-reply');

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    app = await startTwilioApp(developer.auth_token);
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    const numberSid = await giveNumber(db, connectSid, NUMBER);
    await connect.incomingPhoneNumbers(numberSid).update({ smsUrl: `${app.origin}/sms`, smsFallbackUrl: `${app.origin}/fallback` });
  });
  after(() => app.close());

  test('a text to the number is an inbound Message; the app answers and its <Message> reply is sent from the number', async () => {
    const { status, body } = await text({ From: CUSTOMER, To: NUMBER, Body: 'Hello there' });
    assert.equal(status, 201);
    assertMatchesSpec('GET', `/2010-04-01/Accounts/${connectSid}/Messages/${body.sid}.json`, 200, body);
    assert.equal(body.direction, 'inbound');
    assert.equal(body.status, 'received');
    await advance(0);
    const asked = app.seen.filter((s) => s.path === '/sms');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.params.MessageSid, body.sid);
    assert.equal(asked[0]!.params.SmsStatus, 'received');
    assert.equal(asked[0]!.params.Body, 'Hello there');
    assert.equal(asked[0]!.params.NumMedia, '0');
    const [reply] = await repliesTo(CUSTOMER);
    assert.equal(reply!.from, NUMBER);
    assert.match(reply!.body, /^Thanks for your message!/);
    await advance(5000);
    const statuses = app.seen.filter((s) => s.path === '/sms/status' && s.params.MessageSid === reply!.sid).map((s) => s.params.MessageStatus);
    const final = (await connect.messages(reply!.sid).fetch()).status;
    assert.deepEqual(statuses, final === 'failed' ? ['failed'] : ['sent', final], "the reply's status callbacks, signed and in order");
  });

  test('a <Redirect> fetches the next document, whose replies are sent in order', async () => {
    await text({ From: '+12125550198', To: NUMBER, Body: 'more' });
    await advance(0);
    assert.ok(app.seen.some((s) => s.path === '/sms/more'));
    const bodies = (await repliesTo('+12125550198')).map((m) => m.body).sort();
    assert.deepEqual(bodies, ['First part', 'Second part']);
  });

  test('invalid TwiML is Notification 12100, and the fallback URL answers instead', async () => {
    const numbers = await connect.incomingPhoneNumbers.list({ phoneNumber: NUMBER });
    await connect.incomingPhoneNumbers(numbers[0]!.sid).update({ smsUrl: `${app.origin}/broken` });
    try {
      await text({ From: '+12125550197', To: NUMBER, Body: 'Hi' });
      await advance(0);
      const [reply] = await repliesTo('+12125550197');
      assert.match(reply!.body, /having trouble/);
      const { db } = server.current.deps;
      const [notification] = await db.selectFrom('notifications').selectAll().where('account_sid', '=', connectSid).execute();
      assert.equal(notification!.error_code, '12100');
      assert.equal(notification!.request_url, `${app.origin}/broken`);
    } finally {
      await connect.incomingPhoneNumbers(numbers[0]!.sid).update({ smsUrl: `${app.origin}/sms` });
    }
  });

  test('the account, or its parent, may start inbound traffic; a Connect App may not (403 / 20006)', async () => {
    assert.equal((await text({ From: CUSTOMER, To: NUMBER, Body: 'stop' }, connectSid, (await server.current.deps.db.selectFrom('accounts').select('auth_token').where('sid', '=', connectSid).executeTakeFirstOrThrow()).auth_token)).status, 201);
    const denied = await text({ From: CUSTOMER, To: NUMBER, Body: 'x' }, connectSid, developer.auth_token);
    assertTwilioError(denied.status, denied.body);
    assert.deepEqual([denied.status, denied.body.code], [403, 20006]);
    const stranger = await text({ From: CUSTOMER, To: NUMBER, Body: 'x' }, developer.sid, developer.auth_token);
    assert.deepEqual([stranger.status, stranger.body.code], [401, 20003]);
  });

  test('a number the account does not own, and a missing body, are refused before anything is written', async () => {
    const before = (await connect.messages.list()).length;
    const notOwned = await text({ From: CUSTOMER, To: '+14155550999', Body: 'x' });
    assert.deepEqual([notOwned.status, notOwned.body.code], [400, 21606]);
    const empty = await text({ From: CUSTOMER, To: NUMBER });
    assert.deepEqual([empty.status, empty.body.code], [400, 21602]);
    const unknown = await text({ From: CUSTOMER, To: NUMBER, Body: 'x', Colour: 'red' });
    assert.deepEqual([unknown.status, unknown.body.code], [400, 20001]);
    assert.equal((await connect.messages.list()).length, before);
  });

  test('<Message action> is requested with the reply\'s status once it is sent, and its TwiML continues the conversation', async () => {
    const customer = '+12125550188';
    await text({ From: customer, To: NUMBER, Body: 'order' });
    await advance(0);
    const [placed, ...others] = await repliesTo(customer);
    assert.equal(placed!.body, 'Your order is placed.');
    assert.deepEqual(others, [], 'what follows a <Message action> is not sent');
    assert.equal(app.seen.filter((s) => s.path === '/sms/ordered').length, 0, 'the action waits until the reply is sent');
    await advance(1000);
    const [asked] = app.seen.filter((s) => s.path === '/sms/ordered');
    assert.equal(asked!.params.MessageSid, placed!.sid);
    assert.equal(asked!.params.AccountSid, connectSid);
    assert.equal(asked!.params.From, NUMBER);
    assert.equal(asked!.params.To, customer);
    const status = (await connect.messages(placed!.sid).fetch()).status;
    assert.equal(asked!.params.MessageStatus, status);
    assert.ok(['sent', 'failed'].includes(status));
    const followUp = (await repliesTo(customer)).find((m) => m.sid !== placed!.sid);
    assert.equal(followUp!.body, `We will text you when it ships (your confirmation was ${status}).`);
    assert.equal(followUp!.from, NUMBER);
    await advance(5000);
    assert.ok(app.seen.some((s) => s.path === '/sms/status' && s.params.MessageSid === placed!.sid), "the reply's statusCallback still gets its callbacks");
    assert.equal(app.seen.filter((s) => s.path === '/sms/ordered').length, 1, 'the action is requested once');
    assert.deepEqual(app.refused, []);
  });

  test('every request the app got was signed right: twilio.webhook() refused none', () => {
    assert.deepEqual(app.refused, []);
    assert.ok(app.seen.length >= 5);
  });
});
