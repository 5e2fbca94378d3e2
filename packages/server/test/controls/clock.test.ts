import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { planCall } from '../../src/telephony/call-lifecycle.ts';
import { planMessage } from '../../src/telephony/message-lifecycle.ts';
import { rfc2822 } from '../../src/util/rfc2822.ts';
import { control } from '../support/controls.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { startTwilioApp } from '../callbacks/twilio-app.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

const own = (account: Account) => ({ username: account.sid, password: account.auth_token });
const at = (iso: string) => Date.parse(iso);
const SAY_HELLO = '<Response><Say>Hello from the test clock</Say></Response>';

onEachDatabase('The test clock', (database) => {
  // The server's clock moves only when a test moves it; nothing runs in the background.
  let serverNow = Date.UTC(2025, 4, 6, 15, 0, 0);
  const server = serveForSuite(database, { clock: () => serverNow, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: Receiver;
  let owner: Account;
  let sub: Account;
  let stranger: Account;
  let connectSid: string;
  let developer: Account;
  const NUMBER = '+14155550170';

  before(async () => {
    const { db } = server.current.deps;
    app = await startReceiver();
    owner = await makeAccount(db, 'Owner');
    sub = await makeAccount(db, 'Team A', 'Full', owner.sid);
    stranger = await makeAccount(db, 'Stranger');
    developer = await makeAccount(db, 'Developer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), owner);
    await giveNumber(db, owner.sid, NUMBER);
  });
  after(() => app.close());

  const url = () => server.current.url;
  const clockOf = (account: Account, as = own(account)) => control(url(), as, 'GET', `/Accounts/${account.sid}/Clock.json`);
  const setClock = (account: Account, form: Record<string, string>, as = own(account)) => control(url(), as, 'POST', `/Accounts/${account.sid}/Clock.json`, form);
  const dispatchAll = async () => {
    while ((await server.current.dispatcher.runOnce()) > 0);
  };
  const seed = () => server.current.deps.config.simulationSeed;
  /** A destination whose simulated outcome, for a request at `when`, is the one the test needs. */
  const destination = (fits: (to: string) => boolean) => {
    for (let n = 100; n < 1000; n++) if (fits(`+1212555${String(n).padStart(4, '0')}`)) return `+1212555${String(n).padStart(4, '0')}`;
    throw new Error('no destination fits');
  };
  const outbox = (resourceSid: string) =>
    server.current.deps.db.selectFrom('webhook_deliveries').selectAll().where('resource_sid', '=', resourceSid).orderBy('resource_seq').execute();

  test('frozen, a message and a call wait; advancing 90 s delivers and completes them, with callbacks, dates and usage of that time', async () => {
    const T0 = at('2030-01-15T09:00:00.000Z');
    const frozen = await setClock(owner, { Frozen: 'true', Time: '2030-01-15T09:00:00Z' });
    assert.equal(frozen.status, 200, JSON.stringify(frozen.body));
    assert.deepEqual(frozen.body, { account_sid: owner.sid, now: '2030-01-15T09:00:00.000Z', frozen: true });

    const client = twilioClient(url(), owner.sid, owner.auth_token);
    const balanceBefore = Number((await client.balance.fetch()).balance);
    const smsTo = destination((to) => planMessage(seed(), to, NUMBER, T0) === 'delivered');
    const callTo = destination((to) => planCall(seed(), to, NUMBER, T0).outcome === 'completed');
    const message = await client.messages.create({ to: smsTo, from: NUMBER, body: 'on the test clock', statusCallback: `${app.origin}/sms-status` });
    const call = await client.calls.create({
      to: callTo, from: NUMBER, twiml: SAY_HELLO, record: true,
      statusCallback: `${app.origin}/call-status`, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    assert.equal(message.dateCreated.getTime(), T0);
    assert.equal(call.dateCreated!.getTime(), T0);

    // The server's own clock runs on for an hour; the frozen account's world stays put.
    serverNow += 3_600_000;
    await server.current.simulator.advanceTo(serverNow);
    assert.equal((await client.messages(message.sid).fetch()).status, 'queued');
    assert.equal((await client.calls(call.sid).fetch()).status, 'queued');

    const advanced = await setClock(owner, { Advance: '90' });
    assert.equal(advanced.status, 200, JSON.stringify(advanced.body));
    assert.deepEqual(advanced.body, { account_sid: owner.sid, now: '2030-01-15T09:01:30.000Z', frozen: true });

    const sms = await client.messages(message.sid).fetch();
    assert.equal(sms.status, 'delivered');
    assert.equal(sms.dateSent.toUTCString(), new Date(T0 + 700).toUTCString());
    assert.equal(sms.dateUpdated.getTime(), T0 + 2000);
    const done = await client.calls(call.sid).fetch();
    assert.equal(done.status, 'completed');
    // The API shows whole seconds; the stored instants are exact.
    const row = await server.current.deps.db.selectFrom('calls').selectAll().where('sid', '=', call.sid).executeTakeFirstOrThrow();
    const [startTime, endTime] = [Number(row.start_time), Number(row.end_time)];
    assert.ok(startTime > T0 && endTime > startTime && endTime <= T0 + 90_000, `${done.startTime} → ${done.endTime}`);
    assert.equal(done.startTime!.toUTCString(), new Date(startTime).toUTCString());
    assert.equal(done.endTime!.toUTCString(), new Date(endTime).toUTCString());
    assert.equal(Number(done.duration), Math.round((endTime - startTime) / 1000));

    const [recording] = await client.recordings.list({ callSid: call.sid });
    // A recording is dated from its start: the call's end less its length.
    assert.equal(recording!.dateCreated.toUTCString(), new Date(endTime - Number(recording!.duration) * 1000).toUTCString());

    // The outbox holds every callback in order, dated when it fell due, before anything is sent.
    const smsRows = await outbox(message.sid);
    assert.deepEqual(smsRows.map((r) => [JSON.parse(r.params).MessageStatus, r.date_created]), [['sent', T0 + 700], ['delivered', T0 + 2000]]);
    const callRows = await outbox(call.sid);
    const callbacks = callRows.filter((r) => r.url.endsWith('/call-status'));
    assert.deepEqual(
      callbacks.map((r) => [JSON.parse(r.params).CallStatus, r.date_created]),
      [['initiated', T0 + 1000], ['ringing', T0 + 1000], ['in-progress', startTime], ['completed', endTime]],
    );

    await dispatchAll();
    const got = app.received.filter((r) => r.path === '/call-status');
    assert.deepEqual(got.map((r) => r.form.CallStatus), ['initiated', 'ringing', 'in-progress', 'completed']);
    assert.deepEqual(got.map((r) => r.form.SequenceNumber), ['0', '1', '2', '3']);
    assert.deepEqual(got.map((r) => r.form.Timestamp), [T0 + 1000, T0 + 1000, startTime, endTime].map(rfc2822));
    assert.deepEqual(app.received.filter((r) => r.path === '/sms-status').map((r) => r.form.MessageStatus), ['sent', 'delivered']);

    // Usage is the clock's today, not the server's; the balance paid for both.
    const today = await client.usage.records.today.list();
    const of = (category: string) => today.find((r) => r.category === category)!;
    assert.equal(of('sms').startDate.toISOString().slice(0, 10), '2030-01-15');
    assert.equal(of('sms').count, '1');
    assert.equal(of('calls').count, '1');
    assert.equal(of('calls').usage, String(Math.ceil(Number(done.duration) / 60)));
    assert.equal(of('recordings').count, '1');
    const paid = Number(sms.price) + Number(done.price) + Number(recording!.price);
    assert.ok(paid < 0);
    assert.equal(Number((await client.balance.fetch()).balance).toFixed(2), (balanceBefore + paid).toFixed(2));
  });

  test("an inbound call's TwiML runs during the advance, asking the app at each step, at the clock's time", async () => {
    const { db } = server.current.deps;
    const ivr = await startTwilioApp(owner.auth_token);
    try {
      const IVR = '+14155550171';
      const sid = await giveNumber(db, owner.sid, IVR);
      await db.updateTable('incoming_phone_numbers').set({ config: JSON.stringify({ voice_url: `${ivr.origin}/voice` }) }).where('sid', '=', sid).execute();
      const start = Date.parse((await setClock(owner, { Frozen: 'true' })).body.now);
      const inbound = await control(url(), own(owner), 'POST', `/Accounts/${owner.sid}/Inbound/Calls.json`, { From: '+12125550140', To: IVR, Digits: '3' });
      assert.equal(inbound.status, 201, JSON.stringify(inbound.body));
      assert.equal((await setClock(owner, { Advance: '120' })).status, 200);
      assert.deepEqual(ivr.seen.map((r) => r.path), ['/voice', '/voice/menu']);
      assert.deepEqual(ivr.refused, []);
      const client = twilioClient(url(), owner.sid, owner.auth_token);
      const call = await client.calls(inbound.body.sid).fetch();
      assert.equal(call.status, 'completed');
      assert.ok(call.endTime!.getTime() > start && call.endTime!.getTime() <= start + 120_000, String(call.endTime));
      const [texted] = await client.messages.list({ from: IVR });
      assert.equal(texted!.body, 'Our hours: 9 to 5, Monday to Friday.');
      assert.ok(texted!.dateCreated.getTime() > start && texted!.dateCreated.getTime() <= call.endTime!.getTime());
    } finally {
      await ivr.close();
    }
  });

  test('a subaccount lives on its parent\'s clock, and moving it from there moves the family', async () => {
    const parent = await clockOf(owner);
    const shared = await clockOf(sub);
    assert.equal(shared.status, 200);
    assert.deepEqual(shared.body, parent.body);
    assert.equal(shared.body.account_sid, owner.sid);
    const moved = await setClock(sub, { Advance: '30' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(Date.parse(moved.body.now), Date.parse(parent.body.now) + 30_000);
    assert.deepEqual((await clockOf(owner)).body, moved.body);
    const created = await twilioClient(url(), sub.sid, sub.auth_token).messages.create({ to: '+12125550199', from: '+15005550006', body: 'family time' });
    assert.equal(created.dateCreated.getTime(), Date.parse(moved.body.now));
    const team = await twilioClient(url(), owner.sid, owner.auth_token).api.v2010.accounts.create({ friendlyName: 'Team B' });
    assert.equal(team.dateCreated.getTime(), Date.parse(moved.body.now));
    assert.equal((await control(url(), own(owner), 'GET', `/Accounts/${team.sid}/Clock.json`)).body.account_sid, owner.sid);
  });

  test('a scheduled message goes out at its SendAt when the clock passes it', async () => {
    const client = twilioClient(url(), owner.sid, owner.auth_token);
    const now = Date.parse((await clockOf(owner)).body.now);
    const sendAt = now + 3_600_000;
    const to = destination((t) => planMessage(seed(), t, NUMBER, now) === 'delivered');
    const message = await client.messages.create({ to, from: NUMBER, body: 'in an hour', scheduleType: 'fixed', sendAt: new Date(sendAt) });
    assert.equal(message.status, 'scheduled');
    await setClock(owner, { Advance: '3599' });
    assert.equal((await client.messages(message.sid).fetch()).status, 'scheduled');
    await setClock(owner, { Time: new Date(sendAt + 5000).toISOString() });
    const sent = await client.messages(message.sid).fetch();
    assert.equal(sent.status, 'delivered');
    assert.equal(sent.dateSent.getTime(), Math.floor((sendAt + 700) / 1000) * 1000);
  });

  test('unfrozen, the clock runs on from where it stands, with the server\'s', async () => {
    const account = await makeAccount(server.current.deps.db, 'Runner');
    assert.equal(Date.parse((await clockOf(account)).body.now), serverNow, 'no clock set: the server\'s');
    const running = await setClock(account, { Time: '2031-06-01T00:00:00Z', Frozen: 'false' });
    assert.deepEqual(running.body, { account_sid: account.sid, now: '2031-06-01T00:00:00.000Z', frozen: false });
    serverNow += 5000;
    assert.equal((await clockOf(account)).body.now, '2031-06-01T00:00:05.000Z');
    await setClock(account, { Frozen: 'true' });
    serverNow += 60_000;
    assert.deepEqual((await clockOf(account)).body, { account_sid: account.sid, now: '2031-06-01T00:00:05.000Z', frozen: true });
    await setClock(account, { Frozen: 'false' });
    serverNow += 3000;
    assert.deepEqual((await clockOf(account)).body, { account_sid: account.sid, now: '2031-06-01T00:00:08.000Z', frozen: false });

    // Running, its calls and messages move with the background simulation, by its own time.
    const client = twilioClient(url(), account.sid, account.auth_token);
    const message = await client.messages.create({ to: '+12125550198', from: '+15005550006', body: 'running' });
    assert.equal(message.dateCreated.toISOString(), '2031-06-01T00:00:08.000Z');
    serverNow += 5000;
    await server.current.simulator.advanceTo(serverNow);
    assert.ok(['delivered', 'undelivered', 'failed'].includes((await client.messages(message.sid).fetch()).status));
  });

  test('the clock only moves forward, and bad input is a 400 that changes nothing', async () => {
    const before = (await clockOf(owner)).body;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ Time: '2020-01-01T00:00:00Z' }, /only moves forward/],
      [{ Advance: '-5' }, /only moves forward/],
      [{ Advance: '10', Time: '2040-01-01T00:00:00Z' }, /not both/],
      [{ Advance: 'soon' }, /Advance must be a number of seconds/],
      [{ Time: 'tomorrow' }, /ISO 8601/],
      [{ Time: '2040-01-01T00:00:00' }, /ISO 8601/],
      [{ Frozen: 'yes' }, /Frozen must be true or false/],
      [{}, /Frozen=true\|false, Advance=<seconds> or Time=<ISO 8601>/],
      [{ Frozen: 'true', Speed: '2' }, /Speed/],
    ];
    for (const [form, message] of cases) {
      const answer = await setClock(owner, form);
      assert.equal(answer.status, 400, JSON.stringify(form));
      assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'message', 'more_info', 'status']);
      assert.equal(answer.body.code, 20001);
      assert.match(answer.body.message, message);
    }
    assert.deepEqual((await clockOf(owner)).body, before);
  });

  test('Connect credentials are refused with 20006, other tenants with 401, and the world stays put', async () => {
    const before = (await clockOf(owner)).body;
    const asConnect = { username: connectSid, password: developer.auth_token };
    for (const answer of [await clockOf(owner, asConnect), await setClock(owner, { Advance: '60' }, asConnect)]) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 20006);
    }
    for (const answer of [await clockOf(owner, own(stranger)), await setClock(owner, { Advance: '60' }, own(stranger)), await setClock(owner, { Advance: '60' }, own(sub))]) {
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 20003);
    }
    assert.deepEqual((await clockOf(owner)).body, before);
  });
});
