import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

onEachDatabase('Calls through twilio-node', (database) => {
  let now = Date.UTC(2025, 4, 6, 15, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0 });
  let developer: Account;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  let owner: TwilioClient;
  const CONNECT_NUMBER = '+14155550150';
  const USER_NUMBER = '+14155550151';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
  };

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    const app = await makeApp(db, developer, ['get-all', 'post-all']);
    connectSid = await authorize(db, app, user);
    await giveNumber(db, connectSid, CONNECT_NUMBER);
    await giveNumber(db, user.sid, USER_NUMBER);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    owner = twilioClient(server.current.url, user.sid, user.auth_token);
  });

  test('a Connect App calls from its own number and the call runs to a final status with a price', async () => {
    const call = await connect.calls.create({ to: '+12125550100', from: CONNECT_NUMBER, url: 'https://app.example.com/twiml' });
    assert.equal(call.status, 'queued');
    assert.equal(call.accountSid, connectSid);
    assert.equal(call.direction, 'outbound-api');
    await advance(1000);
    assert.equal((await connect.calls(call.sid).fetch()).status, 'ringing');
    await advance(3_600_000);
    const done = await connect.calls(call.sid).fetch();
    assert.ok(['completed', 'busy', 'no-answer', 'failed'].includes(done.status), done.status);
    assert.ok(done.endTime instanceof Date);
    if (done.status === 'completed') {
      assert.ok(Number(done.duration) > 0);
      assert.match(String(done.price), /^-\d+\.\d{5}$/);
    }
  });

  test('a call gets a SID that starts with the instant it was placed, so later calls sort after', async () => {
    const first = await owner.calls.create({ to: '+12125550109', from: USER_NUMBER, url: 'https://app.example.com/twiml' });
    await advance(1);
    const second = await owner.calls.create({ to: '+12125550109', from: USER_NUMBER, url: 'https://app.example.com/twiml' });
    assert.match(first.sid, /^CA[0-9a-f]{32}$/);
    assert.equal(second.sid.slice(2, 14), now.toString(16).padStart(12, '0'));
    assert.equal(first.sid.slice(2, 14), (now - 1).toString(16).padStart(12, '0'));
    assert.ok(second.sid > first.sid);
  });

  test('completed calls bill minutes to the Connect subaccount, which the user pays for', async () => {
    const rows = await server.current.deps.db.selectFrom('usage_daily').selectAll().where('category', '=', 'calls-outbound').execute();
    assert.ok(rows.every((r) => r.account_sid === connectSid), 'usage is recorded on the Connect subaccount, inside the user\'s account');
    assert.ok(!rows.some((r) => r.account_sid === developer.sid), 'never on the developer');
  });

  test("a Connect App cannot call from the user's own number", async () => {
    await assert.rejects(connect.calls.create({ to: '+12125550100', from: USER_NUMBER, url: 'https://app.example.com/twiml' }), { status: 400, code: 21210 });
  });

  test('the same request at the same instant on the same seed has the same outcome', async () => {
    const outcomes = await Promise.all(
      [0, 1].map(async () => {
        const call = await owner.calls.create({ to: '+13125550199', from: USER_NUMBER, twiml: '<Response><Say>Hi</Say></Response>' });
        return call.sid;
      }),
    );
    await advance(3_600_000);
    const [a, b] = await Promise.all(outcomes.map((sid) => owner.calls(sid).fetch()));
    assert.equal(a!.status, b!.status);
    assert.equal(a!.duration, b!.duration);
  });

  const invalid: Array<[string, Record<string, string>, number]> = [
    ["an empty 'To'", { to: '', from: USER_NUMBER, url: 'https://x.example/t' }, 21201],
    ["an empty 'From'", { to: '+12125550100', from: '', url: 'https://x.example/t' }, 21213],
    ["an invalid 'To'", { to: '12345', from: USER_NUMBER, url: 'https://x.example/t' }, 21211],
    ["an invalid 'From'", { to: '+12125550100', from: 'nope', url: 'https://x.example/t' }, 21212],
    ["a 'From' the account does not own", { to: '+12125550100', from: '+19195550100', url: 'https://x.example/t' }, 21210],
    ['no Url, Twiml or ApplicationSid', { to: '+12125550100', from: USER_NUMBER }, 21205],
    ['an invalid Url', { to: '+12125550100', from: USER_NUMBER, url: 'ftp://x.example/t' }, 21205],
    ['an unknown ApplicationSid', { to: '+12125550100', from: USER_NUMBER, applicationSid: `AP${'0'.repeat(32)}` }, 21218],
    ['an invalid Method', { to: '+12125550100', from: USER_NUMBER, url: 'https://x.example/t', method: 'PUT' }, 21209],
    ["the magic unreachable 'To'", { to: '+15005550002', from: '+15005550006', url: 'https://x.example/t' }, 21214],
  ];
  for (const [what, params, code] of invalid) {
    test(`a call with ${what} is refused with ${code} and nothing is written`, async () => {
      const before = await owner.calls.list();
      await assert.rejects(owner.calls.create(params as never), { status: 400, code });
      assert.equal((await owner.calls.list()).length, before.length);
    });
  }

  test('canceling a queued call ends it as canceled; a finished call cannot be ended again', async () => {
    const call = await owner.calls.create({ to: '+12125550101', from: USER_NUMBER, url: 'https://x.example/t' });
    const canceled = await owner.calls(call.sid).update({ status: 'canceled' });
    assert.equal(canceled.status, 'canceled');
    await advance(3_600_000);
    assert.equal((await owner.calls(call.sid).fetch()).status, 'canceled');
    await assert.rejects(owner.calls(call.sid).update({ status: 'completed' }), { status: 400, code: 21220 });
  });

  test('hanging up an answered call completes it with the talk time so far', async () => {
    for (let i = 0; i < 40; i++) {
      // The call's TwiML keeps it going for ten minutes unless someone hangs up.
      const call = await owner.calls.create({ to: `+1212555010${i % 10}`, from: USER_NUMBER, twiml: '<Response><Pause length="600"/></Response>', timeLimit: 14_000 });
      await advance(25_000);
      const live = await owner.calls(call.sid).fetch();
      if (live.status !== 'in-progress') continue;
      await advance(2_000);
      const ended = await owner.calls(call.sid).update({ status: 'completed' });
      assert.equal(ended.status, 'completed');
      assert.ok(Number(ended.duration) >= 2);
      return;
    }
    assert.fail('no simulated call was answered in 40 tries');
  });

  test('an update with an unknown Status, a bad Url or an out-of-range TimeLimit changes nothing', async () => {
    const call = await owner.calls.create({ to: '+12125550103', from: USER_NUMBER, url: 'https://x.example/t' });
    await assert.rejects(owner.calls(call.sid).update({ status: 'ringing' as never }), { status: 400, code: 20001 });
    await assert.rejects(owner.calls(call.sid).update({ url: 'not a url' }), { status: 400, code: 21205 });
    await assert.rejects(owner.calls(call.sid).update({ timeLimit: 0 }), { status: 400, code: 20001 });
    const after = await owner.calls(call.sid).fetch();
    assert.equal(after.status, 'queued');
    await owner.calls(call.sid).update({ status: 'canceled' });
  });

  test('a finished call can be deleted; a live one cannot', async () => {
    const live = await owner.calls.create({ to: '+12125550102', from: USER_NUMBER, url: 'https://x.example/t' });
    await assert.rejects(owner.calls(live.sid).remove(), { status: 400 });
    await owner.calls(live.sid).update({ status: 'canceled' });
    assert.equal(await owner.calls(live.sid).remove(), true);
    await assert.rejects(owner.calls(live.sid).fetch(), { status: 404, code: 20404 });
  });

  test('filters by To, From, Status and start time, and echoes them in the page URIs', async () => {
    const all = await owner.calls.list();
    const to = all[0]!.to;
    const byTo = await owner.calls.list({ to });
    assert.ok(byTo.length > 0 && byTo.every((c) => c.to === to));
    const canceled = await owner.calls.list({ status: 'canceled' });
    assert.ok(canceled.length > 0 && canceled.every((c) => c.status === 'canceled'));
    const page = await owner.calls.page({ status: 'canceled', pageSize: 1 });
    assert.match(String((page as unknown as { _payload: { uri: string } })._payload.uri), /Status=canceled/);
    const future = await owner.calls.list({ startTimeAfter: new Date(now + 86_400_000) });
    assert.deepEqual(future, []);
    const started = await owner.calls.list({ startTimeAfter: new Date(Date.UTC(2025, 4, 6)) });
    assert.ok(started.every((c) => c.startTime === null || c.startTime.getTime() >= Date.UTC(2025, 4, 6)));
  });

  test("get-all reads the parent's calls; the user's calls are closed to a post-all-only app", async () => {
    const { db } = server.current.deps;
    const readAll = twilioClient(server.current.url, connectSid, developer.auth_token, user.sid);
    assert.ok((await readAll.calls.list()).length > 0);
    const chargeOnlyApp = await makeApp(db, developer, ['post-all'], 'Dialer');
    const chargeSid = await authorize(db, chargeOnlyApp, user);
    const charge = twilioClient(server.current.url, chargeSid, developer.auth_token, user.sid);
    await assert.rejects(charge.calls.list(), { status: 403, code: 20006 });
  });
});
