import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, fund, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const fail = (status: number, code: number) => ({ status, code });

onEachDatabase('Phone numbers through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let sub: Account;
  let sibling: Account;
  let stranger: Account;
  let developer: Account;
  let readSid: string;
  let chargeSid: string;
  let revokedSid: string;
  const client = (account: Account, path = account.sid) => twilioClient(server.current.url, account.sid, account.auth_token, path);
  let asOwner: TwilioClient;
  let asParentOnSub: TwilioClient;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    await fund(db, owner.sid, 100);
    sub = await makeAccount(db, 'Team A', 'Full', owner.sid);
    sibling = await makeAccount(db, 'Team B', 'Full', owner.sid);
    stranger = await makeAccount(db, 'Stranger');
    developer = await makeAccount(db, 'Developer');
    readSid = await authorize(db, await makeApp(db, developer, ['get-all'], 'Reader'), owner);
    chargeSid = await authorize(db, await makeApp(db, developer, ['post-all'], 'Charger'), owner);
    const revoked = await makeApp(db, developer, ['get-all', 'post-all'], 'Revoked');
    revokedSid = await authorize(db, revoked, owner);
    await revokeAccess(db, { connectAppSid: revoked.sid, accountSid: owner.sid, now: nextInstant() });
    asOwner = client(owner);
    asParentOnSub = client(owner, sub.sid);
  });

  const connect = (subaccountSid: string, path = subaccountSid) => twilioClient(server.current.url, subaccountSid, developer.auth_token, path);

  const usageOf = async (accountSid: string, category: string) => {
    const rows = await server.current.deps.db.selectFrom('usage_daily').selectAll().where('account_sid', '=', accountSid).where('category', '=', category).execute();
    return rows.reduce((sum, r) => ({ count: sum.count + Number(r.count), usage: sum.usage + Number(r.usage), price: sum.price + Number(r.price_micros) }), { count: 0, usage: 0, price: 0 });
  };

  const isAvailable = async (phoneNumber: string, country = 'US') => {
    const found = await asOwner.availablePhoneNumbers(country).local.list({ contains: `+${phoneNumber.slice(1)}$` });
    return found.some((n) => n.phoneNumber === phoneNumber);
  };

  // Buying, reading, updating and releasing

  test('buying an available number answers 201 with the number, its capabilities and Twilio\'s defaults', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550100' });
    assert.match(n.sid, /^PN[0-9a-f]{32}$/);
    assert.equal(n.accountSid, owner.sid);
    assert.equal(n.phoneNumber, '+14155550100');
    assert.equal(n.friendlyName, '(415) 555-0100');
    assert.deepEqual(n.capabilities, { voice: true, sms: true, mms: true, fax: true });
    assert.deepEqual([n.voiceMethod, n.smsMethod, n.statusCallbackMethod, n.voiceUrl, n.apiVersion], ['POST', 'POST', 'POST', null, '2010-04-01']);
    assert.deepEqual([n.origin, n.status, n.type, n.beta], ['twilio', 'in-use', 'local', false]);
    assert.ok(n.dateCreated instanceof Date);
    assert.equal(n.uri, `/2010-04-01/Accounts/${owner.sid}/IncomingPhoneNumbers/${n.sid}.json`);
  });

  test('a bought number disappears from AvailablePhoneNumbers and comes back when released', async () => {
    assert.equal(await isAvailable('+12065550150'), true);
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+12065550150' });
    assert.equal(await isAvailable('+12065550150'), false);
    assert.equal(await asOwner.incomingPhoneNumbers(n.sid).remove(), true);
    assert.equal(await isAvailable('+12065550150'), true);
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).fetch(), fail(404, 20404));
  });

  test('buying writes one number of usage onto the buying account, by the number\'s type', async () => {
    const before = await usageOf(sub.sid, 'phonenumbers-local');
    await asParentOnSub.incomingPhoneNumbers.create({ phoneNumber: '+15125550100' });
    const after = await usageOf(sub.sid, 'phonenumbers-local');
    assert.deepEqual(after, { count: before.count + 1, usage: before.usage + 1, price: before.price + 1_150_000 });
    await asParentOnSub.incomingPhoneNumbers.tollFree.create({ phoneNumber: '+18005550100' });
    assert.equal((await usageOf(sub.sid, 'phonenumbers-tollfree')).count, 1);
    await asParentOnSub.incomingPhoneNumbers.mobile.create({ phoneNumber: '+447700900100' });
    assert.equal((await usageOf(sub.sid, 'phonenumbers-mobile')).count, 1);
    assert.equal((await usageOf(owner.sid, 'phonenumbers-mobile')).count, 0, 'usage stays on the account that bought');
  });

  test('buying by AreaCode takes the first available number in it', async () => {
    const first = await asOwner.incomingPhoneNumbers.create({ areaCode: '617' });
    const second = await asOwner.incomingPhoneNumbers.create({ areaCode: '617' });
    assert.deepEqual([first.phoneNumber, second.phoneNumber], ['+16175550100', '+16175550101']);
  });

  test('a number someone owns cannot be bought again, by anyone: 400/21422, and nothing is charged', async () => {
    await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550120' });
    const before = await usageOf(stranger.sid, 'phonenumbers-local');
    await assert.rejects(client(stranger).incomingPhoneNumbers.create({ phoneNumber: '+14155550120' }), fail(400, 21422));
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ phoneNumber: '+1 (415) 555-0120' }), fail(400, 21422));
    assert.deepEqual(await usageOf(stranger.sid, 'phonenumbers-local'), before);
  });

  test('buyers racing for one number: exactly one gets it and only that one is charged', async () => {
    const before = await usageOf(stranger.sid, 'phonenumbers-local');
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => client(stranger).incomingPhoneNumbers.create({ phoneNumber: '+14155550121' })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') assert.deepEqual([r.reason.status, r.reason.code], [400, 21422]);
    assert.equal((await usageOf(stranger.sid, 'phonenumbers-local')).count, before.count + 1);
  });

  test('buyers racing by AreaCode each get a different number', async () => {
    const bought = await Promise.all(Array.from({ length: 4 }, () => client(stranger).incomingPhoneNumbers.create({ areaCode: '808' })));
    assert.equal(new Set(bought.map((n) => n.phoneNumber)).size, 4);
  });

  test('a number outside the inventory is 400/21422 and a malformed one 400/21421', async () => {
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155551234' }), fail(400, 21422));
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ phoneNumber: '4155550100' }), fail(400, 21421));
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ phoneNumber: 'not-a-number' }), fail(400, 21421));
  });

  test('buying needs an AreaCode or a PhoneNumber (400); a bad area code is 21451, one without numbers 21452', async () => {
    await assert.rejects(asOwner.incomingPhoneNumbers.create({}), fail(400, 400));
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ areaCode: '12' }), fail(400, 21451));
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ areaCode: '533' }), fail(400, 21452));
    await assert.rejects(asOwner.incomingPhoneNumbers.create({ areaCode: '999' }), fail(400, 21452));
  });

  test('the Local, Mobile and TollFree lists buy only their own type and refuse AreaCode with 21457', async () => {
    const tollFree = await asOwner.incomingPhoneNumbers.tollFree.create({ phoneNumber: '+18885550100' });
    assert.equal(tollFree.phoneNumber, '+18885550100');
    await assert.rejects(asOwner.incomingPhoneNumbers.tollFree.create({ phoneNumber: '+14155550130' }), fail(400, 21422));
    await assert.rejects(asOwner.incomingPhoneNumbers.local.create({ phoneNumber: '+18885550101' }), fail(400, 21422));
    // twilio-node checks PhoneNumber itself and has no AreaCode here: what another client could send.
    const postLocal = async (data: Record<string, string>) =>
      (await asOwner.request({ method: 'post', uri: `https://api.twilio.com/2010-04-01/Accounts/${owner.sid}/IncomingPhoneNumbers/Local.json`, data })) as { statusCode: number; body: { code: number } };
    const withAreaCode = await postLocal({ AreaCode: '415', PhoneNumber: '+14155550130' });
    assert.deepEqual([withAreaCode.statusCode, withAreaCode.body.code], [400, 21457]);
    const withNothing = await postLocal({});
    assert.deepEqual([withNothing.statusCode, withNothing.body.code], [400, 400]);
    assert.equal(await isAvailable('+14155550130'), true, 'nothing was bought');
  });

  test('the typed lists hold only their type', async () => {
    const tollFree = await asOwner.incomingPhoneNumbers.tollFree.list();
    assert.ok(tollFree.length > 0 && tollFree.every((n) => n.phoneNumber.startsWith('+1888')));
    const local = await asOwner.incomingPhoneNumbers.local.list();
    assert.ok(local.length > 0 && local.every((n) => !n.phoneNumber.startsWith('+1888')));
    assert.deepEqual(await asOwner.incomingPhoneNumbers.mobile.list(), []);
  });

  test('every voice and SMS setting given on purchase is kept and fetched back', async () => {
    const app = await asOwner.applications.create({ friendlyName: 'Router' });
    const settings = {
      friendlyName: 'Support line', apiVersion: '2008-08-01',
      voiceUrl: 'https://app.example.com/voice', voiceMethod: 'GET', voiceFallbackUrl: 'https://app.example.com/voice-fallback', voiceFallbackMethod: 'GET',
      statusCallback: 'https://app.example.com/status', statusCallbackMethod: 'GET', voiceCallerIdLookup: true,
      smsUrl: 'https://app.example.com/sms', smsMethod: 'GET', smsFallbackUrl: 'https://app.example.com/sms-fallback', smsFallbackMethod: 'GET',
      smsApplicationSid: app.sid, voiceReceiveMode: 'fax', emergencyStatus: 'Active',
      addressSid: `AD${'1'.repeat(32)}`, identitySid: `RI${'2'.repeat(32)}`, bundleSid: `BU${'3'.repeat(32)}`, emergencyAddressSid: `AD${'4'.repeat(32)}`,
    } as const;
    const bought = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550140', ...settings });
    const fetched = await asOwner.incomingPhoneNumbers(bought.sid).fetch();
    for (const [key, value] of Object.entries(settings)) assert.deepEqual(fetched[key as keyof typeof fetched], value, key);
  });

  test('an update changes settings, keeps the rest, and an empty value clears a URL', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550141', voiceUrl: 'https://app.example.com/a', smsUrl: 'https://app.example.com/s' });
    const updated = await asOwner.incomingPhoneNumbers(n.sid).update({ voiceUrl: '', friendlyName: 'Renamed', smsMethod: 'get' });
    assert.deepEqual([updated.voiceUrl, updated.smsUrl, updated.smsMethod, updated.friendlyName], [null, 'https://app.example.com/s', 'GET', 'Renamed']);
    assert.ok(updated.dateUpdated >= n.dateUpdated);
    const reset = await asOwner.incomingPhoneNumbers(n.sid).update({ friendlyName: '' });
    assert.equal(reset.friendlyName, '(415) 555-0141');
  });

  test('a voice Application replaces the trunk, and a trunk replaces the Application', async () => {
    const app = await asOwner.applications.create({ friendlyName: 'IVR' });
    const trunk = `TK${'5'.repeat(32)}`;
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550142', trunkSid: trunk });
    const withApp = await asOwner.incomingPhoneNumbers(n.sid).update({ voiceApplicationSid: app.sid });
    assert.deepEqual([withApp.voiceApplicationSid, withApp.trunkSid], [app.sid, null]);
    const withTrunk = await asOwner.incomingPhoneNumbers(n.sid).update({ trunkSid: trunk });
    assert.deepEqual([withTrunk.voiceApplicationSid, withTrunk.trunkSid], [null, trunk]);
  });

  test('bad settings are refused with Twilio\'s codes and nothing is bought or changed', async () => {
    const numbers = asOwner.incomingPhoneNumbers;
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', voiceUrl: 'not a url' }), fail(400, 21402));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', smsFallbackUrl: 'ftp://example.com/x' }), fail(400, 21402));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', voiceMethod: 'PUT' }), fail(400, 21403));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', voiceApplicationSid: `AP${'0'.repeat(32)}` }), fail(400, 21420));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', voiceCallerIdLookup: 'yes' as unknown as boolean }), fail(400, 20001));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', trunkSid: 'TK1' }), fail(400, 20001));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', emergencyStatus: 'On' as 'Active' }), fail(400, 20001));
    await assert.rejects(numbers.create({ phoneNumber: '+14155550150', friendlyName: 'x'.repeat(65) }), fail(400, 20001));
    assert.equal(await isAvailable('+14155550150'), true);

    const n = await numbers.create({ phoneNumber: '+14155550151', voiceUrl: 'https://app.example.com/v' });
    const otherAccountsApp = await asParentOnSub.applications.create({ friendlyName: 'Not yours' });
    await assert.rejects(numbers(n.sid).update({ voiceUrl: 'nope' }), fail(400, 21402));
    await assert.rejects(numbers(n.sid).update({ smsMethod: 'DELETE' }), fail(400, 21403));
    await assert.rejects(numbers(n.sid).update({ smsApplicationSid: otherAccountsApp.sid }), fail(400, 22108));
    await assert.rejects(numbers(n.sid).update({ voiceApplicationSid: 'APnope' }), fail(400, 22108));
    assert.equal((await numbers(n.sid).fetch()).voiceUrl, 'https://app.example.com/v');
  });

  test('the list filters by FriendlyName, PhoneNumber (partial, * for a digit), Beta and Origin', async () => {
    const client = twilioClient(server.current.url, owner.sid, owner.auth_token, sibling.sid);
    await client.incomingPhoneNumbers.create({ phoneNumber: '+13035550100', friendlyName: 'Front desk' });
    await client.incomingPhoneNumbers.create({ phoneNumber: '+13035550111' });
    await client.incomingPhoneNumbers.create({ phoneNumber: '+18085550122' });
    const numbersOf = async (filters: object) => (await client.incomingPhoneNumbers.list(filters)).map((n) => n.phoneNumber);
    assert.deepEqual(await numbersOf({ friendlyName: 'Front desk' }), ['+13035550100']);
    assert.deepEqual(await numbersOf({ phoneNumber: '+13035550100' }), ['+13035550100']);
    assert.deepEqual(await numbersOf({ phoneNumber: '303' }), ['+13035550100', '+13035550111']);
    assert.deepEqual(await numbersOf({ phoneNumber: '55501*1' }), ['+13035550111']);
    assert.deepEqual(await numbersOf({ phoneNumber: '555-01**' }), ['+13035550100', '+13035550111', '+18085550122']);
    assert.deepEqual(await numbersOf({ beta: false }), ['+13035550100', '+13035550111', '+18085550122']);
    assert.deepEqual(await numbersOf({ origin: 'twilio' }), ['+13035550100', '+13035550111', '+18085550122']);
    assert.deepEqual(await numbersOf({ origin: 'hosted' }), []);
    await assert.rejects(client.incomingPhoneNumbers.list({ origin: 'ported' }), fail(400, 20001));
    await assert.rejects(client.incomingPhoneNumbers.list({ phoneNumber: 'abc' }), fail(400, 20001));
  });

  test('the list pages with PageToken and echoes its filters', async () => {
    const client = twilioClient(server.current.url, owner.sid, owner.auth_token, sibling.sid);
    const first = await client.incomingPhoneNumbers.page({ pageSize: 2, phoneNumber: '555' });
    assert.equal(first.instances.length, 2);
    const second = await first.nextPage();
    assert.deepEqual(second?.instances.map((n) => n.phoneNumber), ['+18085550122']);
    assert.equal(await second?.nextPage(), undefined);
  });

  test('a number of another account, or no number at all, is 404/20404', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550160' });
    await assert.rejects(asParentOnSub.incomingPhoneNumbers(n.sid).fetch(), fail(404, 20404));
    await assert.rejects(asParentOnSub.incomingPhoneNumbers(n.sid).remove(), fail(404, 20404));
    await assert.rejects(asOwner.incomingPhoneNumbers(`PN${'0'.repeat(32)}`).fetch(), fail(404, 20404));
  });

  // Moving numbers between a parent and its subaccounts

  test('the parent moves a number to a subaccount, between subaccounts, and back to itself', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550170' });
    const moved = await asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: sub.sid });
    assert.equal(moved.accountSid, sub.sid);
    assert.equal(moved.uri, `/2010-04-01/Accounts/${sub.sid}/IncomingPhoneNumbers/${n.sid}.json`);
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).fetch(), fail(404, 20404));
    assert.equal((await asParentOnSub.incomingPhoneNumbers(n.sid).fetch()).phoneNumber, '+14155550170');
    const toSibling = await asParentOnSub.incomingPhoneNumbers(n.sid).update({ accountSid: sibling.sid });
    assert.equal(toSibling.accountSid, sibling.sid);
    const back = await client(owner, sibling.sid).incomingPhoneNumbers(n.sid).update({ accountSid: owner.sid, friendlyName: 'Home again' });
    assert.deepEqual([back.accountSid, back.friendlyName], [owner.sid, 'Home again']);
  });

  test('a subaccount\'s own credentials cannot move its number to its parent or a sibling (401/20003)', async () => {
    const own = client(sub);
    const n = await own.incomingPhoneNumbers.create({ phoneNumber: '+14155550171' });
    await assert.rejects(own.incomingPhoneNumbers(n.sid).update({ accountSid: owner.sid }), fail(401, 20003));
    await assert.rejects(own.incomingPhoneNumbers(n.sid).update({ accountSid: sibling.sid }), fail(401, 20003));
    assert.equal((await own.incomingPhoneNumbers(n.sid).fetch()).accountSid, sub.sid);
  });

  test('no number moves out of its family, into a closed account, or to something that is not an account', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550172' });
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: stranger.sid }), fail(401, 20003));
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: `AC${'0'.repeat(32)}` }), fail(401, 20003));
    const closed = await asOwner.api.v2010.accounts.create({ friendlyName: 'Closing' });
    await asOwner.api.v2010.accounts(closed.sid).update({ status: 'closed' });
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: closed.sid }), fail(400, 20001));
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: 'ACnope' }), fail(400, 20001));
    assert.equal((await asOwner.incomingPhoneNumbers(n.sid).fetch()).accountSid, owner.sid);
  });

  test('Application SIDs on a moved number must belong to the account it moves to', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550173' });
    const ownersApp = await asOwner.applications.create({ friendlyName: 'Owner app' });
    const subsApp = await asParentOnSub.applications.create({ friendlyName: 'Sub app' });
    await assert.rejects(asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: sub.sid, voiceApplicationSid: ownersApp.sid }), fail(400, 22108));
    const moved = await asOwner.incomingPhoneNumbers(n.sid).update({ accountSid: sub.sid, voiceApplicationSid: subsApp.sid });
    assert.deepEqual([moved.accountSid, moved.voiceApplicationSid], [sub.sid, subsApp.sid]);
  });

  // Who may do what

  test('wrong credentials are 401/20003 on every phone number endpoint', async () => {
    const wrong = twilioClient(server.current.url, owner.sid, 'f'.repeat(32));
    await assert.rejects(wrong.incomingPhoneNumbers.list(), fail(401, 20003));
    await assert.rejects(wrong.incomingPhoneNumbers.create({ phoneNumber: '+14155550180' }), fail(401, 20003));
    await assert.rejects(wrong.availablePhoneNumbers('US').local.list(), fail(401, 20003));
    await assert.rejects(client(stranger, owner.sid).incomingPhoneNumbers.list(), fail(401, 20003));
    await assert.rejects(client(sub, owner.sid).availablePhoneNumbers.list(), fail(401, 20003));
  });

  test('Connect get-all reads the numbers of the user\'s account and every subaccount, and searches', async () => {
    const n = await asParentOnSub.incomingPhoneNumbers.create({ phoneNumber: '+14155550181' });
    assert.ok((await connect(readSid, owner.sid).incomingPhoneNumbers.list()).length > 0);
    assert.equal((await connect(readSid, sub.sid).incomingPhoneNumbers(n.sid).fetch()).phoneNumber, '+14155550181');
    assert.equal((await connect(readSid, owner.sid).availablePhoneNumbers('US').local.list({ areaCode: 312 })).length, 50);
    await connect(readSid, chargeSid).incomingPhoneNumbers.list();
    await assert.rejects(connect(readSid, stranger.sid).incomingPhoneNumbers.list(), fail(401, 20003), 'outside the user\'s family');
  });

  test('Connect get-all buys, changes and releases nothing (403/20006)', async () => {
    const n = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550182' });
    await assert.rejects(connect(readSid).incomingPhoneNumbers.create({ phoneNumber: '+14155550183' }), fail(403, 20006));
    await assert.rejects(connect(readSid, owner.sid).incomingPhoneNumbers.create({ phoneNumber: '+14155550183' }), fail(403, 20006));
    await assert.rejects(connect(readSid, owner.sid).incomingPhoneNumbers(n.sid).update({ voiceUrl: 'https://evil.example.com' }), fail(403, 20006));
    await assert.rejects(connect(readSid, owner.sid).incomingPhoneNumbers(n.sid).remove(), fail(403, 20006));
    assert.equal(await isAvailable('+14155550183'), true);
  });

  test('Connect post-all buys in its own Connect subaccount, which is charged, and manages that number', async () => {
    const app = connect(chargeSid);
    const n = await app.incomingPhoneNumbers.create({ phoneNumber: '+14155550184', voiceUrl: 'https://app.example.com/voice' });
    assert.equal(n.accountSid, chargeSid);
    assert.equal((await usageOf(chargeSid, 'phonenumbers-local')).count, 1);
    assert.equal((await usageOf(developer.sid, 'phonenumbers-local')).count, 0, 'never the developer');
    assert.deepEqual((await app.incomingPhoneNumbers.list()).map((x) => x.sid), [n.sid]);
    assert.equal((await app.incomingPhoneNumbers(n.sid).update({ smsUrl: 'https://app.example.com/sms' })).smsUrl, 'https://app.example.com/sms');
    await app.incomingPhoneNumbers(n.sid).update({ accountSid: chargeSid });
    assert.ok((await app.availablePhoneNumbers('US').local.list({ areaCode: 415 })).length > 0);
    assert.equal(await app.incomingPhoneNumbers(n.sid).remove(), true);
  });

  test('Connect post-all never touches the user\'s own numbers and never moves a number out (403/20006)', async () => {
    const users = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550185' });
    const app = connect(chargeSid);
    const own = await app.incomingPhoneNumbers.create({ phoneNumber: '+14155550186' });
    await assert.rejects(connect(chargeSid, owner.sid).incomingPhoneNumbers.create({ phoneNumber: '+14155550187' }), fail(403, 20006));
    await assert.rejects(connect(chargeSid, owner.sid).incomingPhoneNumbers.list(), fail(403, 20006));
    await assert.rejects(connect(chargeSid, owner.sid).incomingPhoneNumbers(users.sid).update({ friendlyName: 'mine' }), fail(403, 20006));
    await assert.rejects(connect(chargeSid, owner.sid).incomingPhoneNumbers(users.sid).remove(), fail(403, 20006));
    await assert.rejects(app.incomingPhoneNumbers(users.sid).fetch(), fail(404, 20404));
    await assert.rejects(app.incomingPhoneNumbers(own.sid).update({ accountSid: owner.sid }), fail(403, 20006));
    await assert.rejects(app.incomingPhoneNumbers(own.sid).update({ accountSid: sub.sid }), fail(403, 20006));
    assert.equal((await app.incomingPhoneNumbers(own.sid).fetch()).accountSid, chargeSid);
  });

  test('after the user revokes the app, every phone number request is 403/20006', async () => {
    const app = connect(revokedSid);
    await assert.rejects(app.incomingPhoneNumbers.list(), fail(403, 20006));
    await assert.rejects(app.incomingPhoneNumbers.create({ phoneNumber: '+14155550188' }), fail(403, 20006));
    await assert.rejects(app.availablePhoneNumbers('US').local.list(), fail(403, 20006));
    await assert.rejects(connect(revokedSid, owner.sid).incomingPhoneNumbers.list(), fail(403, 20006));
  });
});
