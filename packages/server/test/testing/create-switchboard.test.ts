import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSwitchboard, type Switchboard } from 'switchboard/testing';
import twilio from 'twilio';
import { onEachDatabase } from '../support/databases.ts';

async function refusal(request: Promise<unknown>): Promise<{ status: number; code: number | undefined }> {
  try {
    await request;
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${String(error)}`);
    return { status: error.status, code: error.code };
  }
  assert.fail('the request succeeded');
}

onEachDatabase('switchboard/testing', (database) => {
  let sb: Switchboard;
  before(async () => {
    sb = await createSwitchboard({ database: database.url });
  });
  after(() => sb.close());

  test('listens on a free loopback port', () => {
    assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(sb.url).port, '0');
  });

  test('a world\'s Connect App acts on the Connect subaccount with the developer\'s token, as granted', async () => {
    const w = await sb.createWorld({ permissions: ['get-all', 'post-all'] });
    const app = sb.twilio(w.connect.accountSid, w.developer.authToken);
    const message = await app.messages.create({ to: '+12125550100', from: '+15005550006', body: 'hello' });
    assert.equal(message.accountSid, w.connect.accountSid);
    const accounts = await app.api.v2010.accounts.list();
    assert.deepEqual(new Set(accounts.map((a) => a.sid)), new Set([w.customer.accountSid, w.connect.accountSid]));

    const developer = sb.twilio(w.developer.accountSid, w.developer.authToken);
    assert.equal((await developer.api.v2010.account.connectApps(w.connectApp.sid).fetch()).permissions.join(), 'get-all,post-all');
    const customer = sb.twilio(w.customer.accountSid, w.customer.authToken);
    assert.deepEqual((await customer.api.v2010.account.authorizedConnectApps.list()).map((a) => a.connectAppSid), [w.connectApp.sid]);
  });

  test('a world granted get-all only reads: sending is refused with 20006', async () => {
    const w = await sb.createWorld({ permissions: ['get-all'] });
    const app = sb.twilio(w.connect.accountSid, w.developer.authToken);
    assert.deepEqual(await app.messages.list(), []);
    assert.deepEqual(await refusal(app.messages.create({ to: '+12125550100', from: '+15005550006', body: 'x' })), { status: 403, code: 20006 });
  });

  test('worlds made in parallel are isolated from each other', async () => {
    const worlds = await Promise.all(Array.from({ length: 6 }, () => sb.createWorld()));
    assert.equal(new Set(worlds.map((w) => w.customer.accountSid)).size, 6);
    const [a, b] = worlds as [typeof worlds[0], typeof worlds[0]];
    assert.deepEqual(await refusal(sb.twilio(a.connect.accountSid, a.developer.authToken, { accountSid: b.customer.accountSid }).calls.list()), { status: 401, code: 20003 });
    assert.deepEqual(await refusal(sb.twilio(a.customer.accountSid, a.customer.authToken, { accountSid: b.customer.accountSid }).calls.list()), { status: 401, code: 20003 });
  });

  test('a world with authorize: false leaves the consent to the customer', async () => {
    const w = await sb.createWorld({ authorize: false, connectApp: { friendlyName: 'Not yet', authorizeUrl: 'http://127.0.0.1:9/cb' } });
    assert.equal(w.connect, null);
    const customer = sb.twilio(w.customer.accountSid, w.customer.authToken);
    assert.deepEqual(await customer.api.v2010.account.authorizedConnectApps.list(), []);
    const app = await sb.twilio(w.developer.accountSid, w.developer.authToken).api.v2010.account.connectApps(w.connectApp.sid).fetch();
    assert.equal(app.authorizeRedirectUrl, 'http://127.0.0.1:9/cb');
  });

  test("sb.clock() is the world's family clock: a Connect subaccount reads its customer's, and only forward", async () => {
    const w = await sb.createWorld();
    const clock = sb.clock(w.connect.accountSid);
    const frozen = await clock.freeze();
    assert.equal(frozen.accountSid, w.customer.accountSid);
    assert.equal(frozen.frozen, true);
    const later = await clock.advance(90);
    assert.equal(later.now.getTime(), frozen.now.getTime() + 90_000);
    assert.deepEqual(await sb.clock(w.customer.accountSid).show(), later);
    assert.equal((await clock.set('2031-01-01T00:00:00Z')).now.toISOString(), '2031-01-01T00:00:00.000Z');
    await assert.rejects(clock.set('2030-01-01T00:00:00Z'), /only moves forward/);
    assert.equal((await clock.unfreeze()).frozen, false);
    await assert.rejects(sb.clock(`AC${'0'.repeat(32)}`).show(), /no account AC0{32} on this server/);
  });

  test('a world with Console logins finds its accounts again on the same database', async () => {
    const logins = { developer: { email: `dev-${database.name}@example.com`, password: 'developer password' } };
    const first = await sb.createWorld({ logins, authorize: false, calls: 3 });
    const again = await sb.createWorld({ logins, authorize: false, calls: 3 });
    assert.equal(again.developer.accountSid, first.developer.accountSid);
    assert.equal(again.connectApp.sid, first.connectApp.sid);
    assert.deepEqual([first.customer.calls, first.customer.seeded], [3, true]);
    assert.equal((await sb.twilio(first.customer.accountSid, first.customer.authToken).calls.list()).length, 3);
  });
});

test('close() stops the server', async () => {
  const sb = await createSwitchboard();
  await sb.close();
  await assert.rejects(fetch(`${sb.url}/2010-04-01/Accounts.json`));
});
