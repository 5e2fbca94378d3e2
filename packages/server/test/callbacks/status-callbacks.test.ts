import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { startReceiver, type Received, type Receiver } from '../support/receiver.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/** What the app does with every callback: check it is Twilio's, signed with the token it holds. */
const signedWith = (token: string, r: Received): boolean =>
  twilio.validateRequest(token, String(r.headers['x-twilio-signature']), r.url, r.method === 'POST' ? r.form : {});

onEachDatabase('Status callbacks of calls and messages', (database) => {
  let now = Date.UTC(2025, 4, 6, 15, 0, 0);
  // Dispatch and simulation move only when the test says: the order of events is the test's.
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0', SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS: '1000', SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS: '1000' } });
  let app: Receiver;
  let developer: Account;
  let connectSid: string;
  let connect: TwilioClient;
  const NUMBER = '+14155550160';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };

  before(async () => {
    const { db } = server.current.deps;
    app = await startReceiver();
    developer = await makeAccount(db, 'Developer');
    const user = await makeAccount(db, 'Customer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    await giveNumber(db, connectSid, NUMBER);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
  });
  after(() => app.close());

  test("a Connect App's call reports each subscribed event in order, signed with the developer's token", async () => {
    const call = await connect.calls.create({
      to: '+12125550100', from: NUMBER, url: 'https://app.example.com/twiml',
      statusCallback: `${app.origin}/call-status?leg=a`, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    await advance(1000);
    await advance(3_600_000);
    const done = await connect.calls(call.sid).fetch();
    const got = app.received.filter((r) => r.path === '/call-status');
    const expected = done.status === 'completed' ? ['initiated', 'ringing', 'in-progress', 'completed'] : done.status === 'failed' ? ['initiated', 'failed'] : ['initiated', 'ringing', done.status];
    assert.deepEqual(got.map((r) => r.form.CallStatus), expected);
    assert.deepEqual(got.map((r) => r.form.SequenceNumber), expected.map((_, i) => String(i)));
    for (const r of got) {
      assert.ok(signedWith(developer.auth_token, r), 'the developer validates it with the token they hold');
      assert.equal(r.form.CallSid, call.sid);
      assert.equal(r.form.AccountSid, connectSid);
      assert.equal(r.form.Direction, 'outbound-api');
      assert.equal(r.form.Caller, NUMBER);
      assert.equal(r.form.CallbackSource, 'call-progress-events');
      assert.match(r.form.Timestamp!, / \+0000$/);
    }
    const last = got.at(-1)!.form;
    assert.equal(last.CallDuration, String(done.duration ?? 0));
    assert.equal(last.Duration, String(Math.ceil(Number(done.duration ?? 0) / 60)));
  });

  test('without StatusCallbackEvent only the end is reported; GET puts the parameters in the signed query', async () => {
    const call = await connect.calls.create({ to: '+12125550101', from: NUMBER, twiml: '<Response/>', statusCallback: `${app.origin}/get-status`, statusCallbackMethod: 'GET' });
    await advance(3_600_000);
    const [r] = await app.waitFor('/get-status');
    assert.equal(r!.method, 'GET');
    assert.equal(r!.query.get('CallSid'), call.sid);
    assert.equal(r!.query.get('SequenceNumber'), '0');
    assert.ok(signedWith(developer.auth_token, r!));
  });

  test('hanging up a live call through the API reports completed', async () => {
    // Calls from this number to this destination at this instant are answered (the simulation is deterministic).
    for (let i = 0; i < 10; i++) {
      const call = await connect.calls.create({ to: `+1212555020${i}`, from: NUMBER, twiml: '<Response><Pause length="600"/></Response>', statusCallback: `${app.origin}/hangup-${i}` });
      await advance(62_000);
      if ((await connect.calls(call.sid).fetch()).status !== 'in-progress') continue;
      await connect.calls(call.sid).update({ status: 'completed' });
      await advance(0);
      const [r] = await app.waitFor(`/hangup-${i}`);
      assert.equal(r!.form.CallStatus, 'completed');
      return;
    }
    assert.fail('none of ten calls was answered');
  });

  test('a message reports sent then delivered (or its failure with ErrorCode)', async () => {
    const message = await connect.messages.create({ to: '+12125550300', from: NUMBER, body: 'Your code is 1234', statusCallback: `${app.origin}/sms-status` });
    await advance(5000);
    const done = await connect.messages(message.sid).fetch();
    const got = await app.waitFor('/sms-status', done.status === 'failed' ? 1 : 2);
    assert.deepEqual(got.map((r) => r.form.MessageStatus), done.status === 'failed' ? ['failed'] : ['sent', done.status]);
    for (const r of got) {
      assert.ok(signedWith(developer.auth_token, r));
      assert.equal(r.form.MessageSid, message.sid);
      assert.equal(r.form.SmsStatus, r.form.MessageStatus);
      assert.equal(r.form.From, NUMBER);
    }
  });

  test('a receiver that is down gets every callback later, once per attempt, never out of order', async () => {
    let up = false;
    app.respond = (r) => (r.path === '/flaky' && !up ? 503 : 200);
    const message = await connect.messages.create({ to: '+12125550301', from: NUMBER, body: 'Hello', statusCallback: `${app.origin}/flaky` });
    await advance(5000);
    await advance(1500);
    const failedTries = app.received.filter((r) => r.path === '/flaky');
    assert.ok(failedTries.length >= 2, 'retried while down');
    assert.ok(failedTries.every((r) => r.form.MessageStatus === 'sent'), 'the later status waits for the earlier one');
    up = true;
    await advance(1500);
    await advance(1500);
    const statuses = app.received.filter((r) => r.path === '/flaky').map((r) => r.form.MessageStatus);
    const done = await connect.messages(message.sid).fetch();
    assert.equal(statuses.at(-1), done.status === 'failed' ? 'failed' : done.status);
    assert.deepEqual([...new Set(statuses)], done.status === 'failed' ? ['failed'] : ['sent', done.status]);
    app.respond = () => 200;
  });
});
