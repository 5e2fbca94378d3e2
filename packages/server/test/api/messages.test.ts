import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

onEachDatabase('Messages and Media through twilio-node', (database) => {
  let now = Date.UTC(2025, 5, 2, 9, 30, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0 });
  let developer: Account;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  let owner: TwilioClient;
  const CONNECT_NUMBER = '+13125550160';
  const USER_NUMBER = '+13125550161';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
  };

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    connectSid = await authorize(db, await makeApp(db, developer, ['post-all']), user);
    await giveNumber(db, connectSid, CONNECT_NUMBER);
    await giveNumber(db, user.sid, USER_NUMBER);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    owner = twilioClient(server.current.url, user.sid, user.auth_token);
  });

  test('a Connect App sends a message that goes queued, sending, sent and settles, billed by segment', async () => {
    const message = await connect.messages.create({ to: '+12125550100', from: CONNECT_NUMBER, body: 'Hello from the app' });
    assert.equal(message.status, 'queued');
    assert.equal(message.numSegments, '1');
    assert.equal(message.price, null);
    await advance(300);
    assert.equal((await connect.messages(message.sid).fetch()).status, 'sending');
    await advance(500);
    const sent = await connect.messages(message.sid).fetch();
    assert.equal(sent.status, 'sent');
    assert.ok(sent.dateSent instanceof Date);
    assert.equal(sent.price, '-0.00790');
    await advance(5_000);
    assert.ok(['delivered', 'undelivered'].includes((await connect.messages(message.sid).fetch()).status));
    const usage = await server.current.deps.db.selectFrom('usage_daily').selectAll().where('account_sid', '=', connectSid).where('category', '=', 'sms-outbound').executeTakeFirst();
    assert.equal(Number(usage?.usage), 1);
  });

  test('a message and its media get SIDs that start with the instant they were made, so later ones sort after', async () => {
    const instant = (at: number) => at.toString(16).padStart(12, '0');
    const first = await owner.messages.create({ to: '+12125550103', from: USER_NUMBER, body: 'first', mediaUrl: ['https://cdn.example.com/c.png'] });
    const madeAt = now;
    await advance(1);
    const second = await owner.messages.create({ to: '+12125550103', from: USER_NUMBER, body: 'second' });
    assert.match(first.sid, /^MM[0-9a-f]{32}$/);
    assert.match(second.sid, /^SM[0-9a-f]{32}$/);
    assert.equal(first.sid.slice(2, 14), instant(madeAt));
    assert.equal(second.sid.slice(2, 14), instant(madeAt + 1));
    assert.ok(second.sid.slice(2) > first.sid.slice(2));
    const [media] = await owner.messages(first.sid).media.list();
    assert.equal(media?.sid.slice(0, 14), `ME${instant(madeAt)}`);
  });

  test('a long body is split into segments as Twilio counts them', async () => {
    const message = await owner.messages.create({ to: '+12125550101', from: USER_NUMBER, body: 'x'.repeat(161) });
    assert.equal(message.numSegments, '2');
  });

  test('media URLs become Media resources that can be listed, fetched and deleted', async () => {
    const message = await owner.messages.create({ to: '+12125550102', from: USER_NUMBER, mediaUrl: ['https://cdn.example.com/a.png', 'https://cdn.example.com/b.jpg'] });
    assert.equal(message.numMedia, '2');
    assert.match(message.sid, /^MM/);
    const media = await owner.messages(message.sid).media.list();
    assert.deepEqual(media.map((m) => m.contentType).sort(), ['image/jpeg', 'image/png']);
    const one = await owner.messages(message.sid).media(media[0]!.sid).fetch();
    assert.equal(one.parentSid, message.sid);
    assert.equal(await owner.messages(message.sid).media(one.sid).remove(), true);
    assert.equal((await owner.messages(message.sid).fetch()).numMedia, '1');
  });

  const invalid: Array<[string, Record<string, unknown>, number]> = [
    ["an empty 'To'", { to: '', from: USER_NUMBER, body: 'x' }, 21604],
    ["no 'From' or MessagingServiceSid", { to: '+12125550100', body: 'x' }, 21603],
    ['no Body or MediaUrl', { to: '+12125550100', from: USER_NUMBER }, 21602],
    ["an invalid 'To'", { to: 'twelve', from: USER_NUMBER, body: 'x' }, 21211],
    ["a 'From' the account does not own", { to: '+12125550100', from: '+19195550100', body: 'x' }, 21606],
    ['a body over 1600 characters', { to: '+12125550100', from: USER_NUMBER, body: 'x'.repeat(1601) }, 21617],
    ["the magic unsubscribed 'To'", { to: '+15005550004', from: '+15005550006', body: 'x' }, 21610],
  ];
  for (const [what, params, code] of invalid) {
    test(`a message with ${what} is refused with ${code} and nothing is written`, async () => {
      const count = (await owner.messages.list()).length;
      await assert.rejects(owner.messages.create(params as never), { status: 400, code });
      assert.equal((await owner.messages.list()).length, count);
    });
  }

  test("a Connect App with post-all cannot send from the user's number", async () => {
    await assert.rejects(connect.messages.create({ to: '+12125550100', from: USER_NUMBER, body: 'x' }), { status: 400, code: 21606 });
  });

  test('a delivered message can be redacted with an empty body, then deleted', async () => {
    const message = await owner.messages.create({ to: '+12125550103', from: USER_NUMBER, body: 'secret' });
    await assert.rejects(owner.messages(message.sid).update({ body: '' }), { status: 400 });
    await advance(5_000);
    const redacted = await owner.messages(message.sid).update({ body: '' });
    assert.equal(redacted.body, '');
    assert.equal(await owner.messages(message.sid).remove(), true);
    await assert.rejects(owner.messages(message.sid).fetch(), { status: 404, code: 20404 });
  });

  test('a scheduled message can be canceled before it is sent', async () => {
    const sendAt = new Date(now + 3_600_000);
    const message = await owner.messages.create({ to: '+12125550104', from: USER_NUMBER, body: 'later', scheduleType: 'fixed', sendAt });
    assert.equal(message.status, 'scheduled');
    assert.equal((await owner.messages(message.sid).update({ status: 'canceled' })).status, 'canceled');
    await advance(2 * 3_600_000);
    assert.equal((await owner.messages(message.sid).fetch()).status, 'canceled');
  });

  test('a schedule must be fixed and between 15 minutes and 35 days ahead', async () => {
    const count = (await owner.messages.list()).length;
    const base = { to: '+12125550105', from: USER_NUMBER, body: 'later' };
    await assert.rejects(owner.messages.create({ ...base, scheduleType: 'fixed', sendAt: new Date(now + 60_000) }), { status: 400, code: 35114 });
    await assert.rejects(owner.messages.create({ ...base, scheduleType: 'fixed', sendAt: new Date(now + 40 * 86_400_000) }), { status: 400, code: 35114 });
    await assert.rejects(owner.messages.create({ ...base, sendAt: new Date(now + 3_600_000) }), { status: 400, code: 35111 });
    assert.equal((await owner.messages.list()).length, count);
  });

  test('updating a message needs an empty Body or Status=canceled', async () => {
    const message = await owner.messages.create({ to: '+12125550106', from: USER_NUMBER, body: 'keep' });
    await assert.rejects(owner.messages(message.sid).update({ body: 'rewritten' }), { status: 400, code: 20001 });
    await assert.rejects(owner.messages(message.sid).update({ status: 'canceled' }), { status: 400, code: 30409 });
    assert.equal((await owner.messages(message.sid).fetch()).body, 'keep');
  });

  test('the list filters by To, From and DateSent', async () => {
    const byTo = await owner.messages.list({ to: '+12125550101' });
    assert.equal(byTo.length, 1);
    const byFrom = await owner.messages.list({ from: USER_NUMBER });
    assert.ok(byFrom.length >= 3 && byFrom.every((m) => m.from === USER_NUMBER));
    assert.deepEqual(await owner.messages.list({ dateSentBefore: new Date(Date.UTC(2025, 0, 1)) }), []);
    const sentToday = await owner.messages.list({ dateSent: new Date(Date.UTC(2025, 5, 2)) });
    assert.ok(sentToday.length > 0 && sentToday.every((m) => m.dateSent !== null));
  });
});
