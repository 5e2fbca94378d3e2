import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const HOME = { customerName: 'Ada Lovelace', street: '12 St James Sq', city: 'London', region: 'London', postalCode: 'SW1Y 4JH', isoCountry: 'gb' };

onEachDatabase('Addresses, their dependent numbers, and short codes through twilio-node', (database) => {
  const server = serveForSuite(database);
  let user: Account;
  let owner: TwilioClient;
  let connect: TwilioClient;
  let connectSid: string;

  before(async () => {
    const { db } = server.current.deps;
    user = await makeAccount(db, 'Customer');
    const developer = await makeAccount(db, 'Developer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    owner = twilioClient(server.current.url, user.sid, user.auth_token);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
  });

  test('an address is created, filtered, updated and deleted; it is never validated against postal records', async () => {
    const address = await owner.addresses.create({ ...HOME, friendlyName: 'Home', emergencyEnabled: true });
    assert.match(address.sid, /^AD[0-9a-f]{32}$/);
    assert.equal(address.isoCountry, 'GB');
    assert.equal(address.emergencyEnabled, true);
    assert.equal(address.validated, false);
    assert.deepEqual((await owner.addresses.list({ isoCountry: 'GB' })).map((a) => a.sid), [address.sid]);
    assert.deepEqual(await owner.addresses.list({ customerName: 'Someone else' }), []);
    const moved = await owner.addresses(address.sid).update({ street: '1 Main St', streetSecondary: 'Flat 2' });
    assert.equal(moved.street, '1 Main St');
    assert.equal(moved.streetSecondary, 'Flat 2');
    assert.equal(moved.city, 'London');
    assert.equal(await owner.addresses(address.sid).remove(), true);
    assert.deepEqual(await refusal(owner.addresses(address.sid).fetch()), { status: 404, code: 20404 });
  });

  test('a missing or blank part, or a bad country, is refused and nothing is stored', async () => {
    const before = (await owner.addresses.list()).length;
    for (const bad of [{ city: '' }, { isoCountry: 'GBR' }, { postalCode: '   ' }, { emergencyEnabled: 'maybe' }]) {
      const { status } = await refusal(owner.addresses.create({ ...HOME, ...bad } as never));
      assert.equal(status, 400, JSON.stringify(bad));
    }
    assert.equal((await owner.addresses.list()).length, before);
    const address = await owner.addresses.create(HOME);
    assert.equal((await refusal(owner.addresses(address.sid).update({ customerName: '' }))).status, 400);
    assert.equal((await owner.addresses(address.sid).fetch()).customerName, 'Ada Lovelace');
  });

  test('numbers naming an address are its dependents, and keep it from being deleted', async () => {
    const address = await connect.addresses.create(HOME);
    const numberSid = await giveNumber(server.current.deps.db, connectSid, '+14155550181');
    await giveNumber(server.current.deps.db, connectSid, '+14155550182');
    assert.deepEqual(await connect.addresses(address.sid).dependentPhoneNumbers.list(), []);
    await connect.incomingPhoneNumbers(numberSid).update({ addressSid: address.sid });
    const dependents = await connect.addresses(address.sid).dependentPhoneNumbers.list();
    assert.deepEqual(dependents.map((n) => n.phoneNumber), ['+14155550181']);
    assert.deepEqual(await refusal(connect.addresses(address.sid).remove()), { status: 400, code: 21625 });
    await connect.incomingPhoneNumbers(numberSid).update({ addressSid: '' });
    assert.equal(await connect.addresses(address.sid).remove(), true);
  });

  test("an account's address is not another's, and a subaccount's own credentials never reach its parent's", async () => {
    const mine = await owner.addresses.create(HOME);
    assert.deepEqual(await refusal(connect.addresses(mine.sid).fetch()), { status: 404, code: 20404 });
    const asUser = twilioClient(server.current.url, connectSid, (await server.current.deps.db.selectFrom('accounts').select('auth_token').where('sid', '=', connectSid).executeTakeFirstOrThrow()).auth_token, user.sid);
    assert.equal((await refusal(asUser.addresses.list())).status, 401);
  });

  test('each account is given one short code; its SMS URLs can be set, its number cannot be bought or changed', async () => {
    const [code, ...others] = await connect.shortCodes.list();
    assert.deepEqual(others, []);
    assert.match(code!.sid, /^SC[0-9a-f]{32}$/);
    assert.match(code!.shortCode, /^8\d{4}$/);
    assert.deepEqual((await connect.shortCodes.list()).map((c) => c.sid), [code!.sid], 'listing again gives the same one');
    const updated = await connect.shortCodes(code!.sid).update({ smsUrl: 'https://app.example.com/sms', smsMethod: 'GET', friendlyName: 'Alerts' });
    assert.equal(updated.smsUrl, 'https://app.example.com/sms');
    assert.equal(updated.smsMethod, 'GET');
    assert.equal((await connect.shortCodes(code!.sid).fetch()).friendlyName, 'Alerts');
    assert.deepEqual(await refusal(connect.shortCodes(code!.sid).update({ smsUrl: 'not a url' })), { status: 400, code: 21402 });
    const userCode = (await owner.shortCodes.list())[0]!;
    assert.notEqual(userCode.sid, code!.sid);
    assert.deepEqual(await refusal(connect.shortCodes(userCode.sid).fetch()), { status: 404, code: 20404 });
  });
});
