import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const fail = (status: number, code: number) => ({ status, code });

const EVERY_FIELD = {
  friendlyName: 'Softphone',
  apiVersion: '2008-08-01',
  voiceUrl: 'https://app.example.com/voice',
  voiceMethod: 'GET',
  voiceFallbackUrl: 'https://app.example.com/voice-fallback',
  voiceFallbackMethod: 'GET',
  statusCallback: 'https://app.example.com/status',
  statusCallbackMethod: 'GET',
  voiceCallerIdLookup: true,
  smsUrl: 'https://app.example.com/sms',
  smsMethod: 'GET',
  smsFallbackUrl: 'https://app.example.com/sms-fallback',
  smsFallbackMethod: 'GET',
  smsStatusCallback: 'https://app.example.com/sms-status',
  messageStatusCallback: 'https://app.example.com/message-status',
  publicApplicationConnectEnabled: true,
} as const;

onEachDatabase('Applications through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let sub: Account;
  let stranger: Account;
  let developer: Account;
  let readSid: string;
  let chargeSid: string;
  let revokedSid: string;
  let asOwner: TwilioClient;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    sub = await makeAccount(db, 'Team A', 'Full', owner.sid);
    stranger = await makeAccount(db, 'Stranger');
    developer = await makeAccount(db, 'Developer');
    readSid = await authorize(db, await makeApp(db, developer, ['get-all'], 'Reader'), owner);
    chargeSid = await authorize(db, await makeApp(db, developer, ['post-all'], 'Charger'), owner);
    const revoked = await makeApp(db, developer, ['get-all', 'post-all'], 'Revoked');
    revokedSid = await authorize(db, revoked, owner);
    await revokeAccess(db, { connectAppSid: revoked.sid, accountSid: owner.sid, now: nextInstant() });
    asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
  });

  const connect = (subaccountSid: string, path = subaccountSid) => twilioClient(server.current.url, subaccountSid, developer.auth_token, path);

  test('an Application created with no parameters answers 201 with Twilio\'s defaults', async () => {
    const app = await asOwner.applications.create();
    assert.match(app.sid, /^AP[0-9a-f]{32}$/);
    assert.equal(app.accountSid, owner.sid);
    assert.equal(app.friendlyName, null);
    assert.deepEqual(
      [app.apiVersion, app.voiceUrl, app.voiceMethod, app.smsUrl, app.smsMethod, app.statusCallbackMethod, app.voiceCallerIdLookup, app.publicApplicationConnectEnabled],
      ['2010-04-01', null, 'POST', null, 'POST', 'POST', false, false],
    );
    assert.ok(app.dateCreated instanceof Date);
    assert.equal(app.uri, `/2010-04-01/Accounts/${owner.sid}/Applications/${app.sid}.json`);
  });

  test('every field given on create is kept and fetched back', async () => {
    const app = await asOwner.applications.create(EVERY_FIELD);
    const fetched = await asOwner.applications(app.sid).fetch();
    for (const [key, value] of Object.entries(EVERY_FIELD)) assert.deepEqual(fetched[key as keyof typeof fetched], value, key);
  });

  test('an update changes what it names, keeps the rest, and an empty value clears a URL', async () => {
    const app = await asOwner.applications.create(EVERY_FIELD);
    const updated = await asOwner.applications(app.sid).update({ friendlyName: 'Renamed', voiceUrl: '', smsMethod: 'post', publicApplicationConnectEnabled: false });
    assert.deepEqual(
      [updated.friendlyName, updated.voiceUrl, updated.smsMethod, updated.publicApplicationConnectEnabled, updated.smsUrl, updated.apiVersion],
      ['Renamed', null, 'POST', false, EVERY_FIELD.smsUrl, EVERY_FIELD.apiVersion],
    );
    assert.deepEqual((await asOwner.applications(app.sid).fetch()).friendlyName, 'Renamed');
  });

  test('deleting an Application answers 204; afterwards it is 404/20404', async () => {
    const app = await asOwner.applications.create({ friendlyName: 'Short-lived' });
    assert.equal(await asOwner.applications(app.sid).remove(), true);
    await assert.rejects(asOwner.applications(app.sid).fetch(), fail(404, 20404));
    await assert.rejects(asOwner.applications(app.sid).update({ friendlyName: 'x' }), fail(404, 20404));
    await assert.rejects(asOwner.applications(app.sid).remove(), fail(404, 20404));
  });

  test('the list holds the account\'s Applications only, filtered by FriendlyName, and pages', async () => {
    const own = twilioClient(server.current.url, owner.sid, owner.auth_token, sub.sid);
    const created: Array<{ sid: string }> = [];
    for (const name of ['Alpha', 'Beta', 'Alpha', 'Gamma']) created.push(await own.applications.create({ friendlyName: name }));
    assert.deepEqual((await own.applications.list()).map((a) => a.sid), created.map((a) => a.sid));
    assert.deepEqual((await own.applications.list({ friendlyName: 'Alpha' })).map((a) => a.sid), [created[0]!.sid, created[2]!.sid]);
    assert.deepEqual(await own.applications.list({ friendlyName: 'Delta' }), []);
    const first = await own.applications.page({ pageSize: 3 });
    const second = await first.nextPage();
    assert.deepEqual(second?.instances.map((a) => a.sid), [created[3]!.sid]);
    assert.ok(!(await asOwner.applications.list()).some((a) => created.some((c) => c.sid === a.sid)), 'a parent\'s list is its own');
  });

  test('an Application of another account is 404/20404', async () => {
    const app = await asOwner.applications.create({ friendlyName: 'Mine' });
    const onSub = twilioClient(server.current.url, owner.sid, owner.auth_token, sub.sid);
    await assert.rejects(onSub.applications(app.sid).fetch(), fail(404, 20404));
    await assert.rejects(onSub.applications(app.sid).remove(), fail(404, 20404));
  });

  test('bad fields are refused with Twilio\'s codes and nothing is written', async () => {
    const before = (await asOwner.applications.list()).length;
    await assert.rejects(asOwner.applications.create({ voiceUrl: 'not a url' }), fail(400, 21402));
    await assert.rejects(asOwner.applications.create({ smsStatusCallback: 'mailto:x@example.com' }), fail(400, 21402));
    await assert.rejects(asOwner.applications.create({ voiceMethod: 'PATCH' }), fail(400, 21403));
    await assert.rejects(asOwner.applications.create({ voiceCallerIdLookup: 'maybe' as unknown as boolean }), fail(400, 20001));
    await assert.rejects(asOwner.applications.create({ apiVersion: '2020-01-01' }), fail(400, 20001));
    await assert.rejects(asOwner.applications.create({ friendlyName: 'x'.repeat(65) }), fail(400, 20001));
    assert.equal((await asOwner.applications.list()).length, before);
    const app = await asOwner.applications.create({ voiceUrl: 'https://app.example.com/v' });
    await assert.rejects(asOwner.applications(app.sid).update({ statusCallback: 'nope' }), fail(400, 21402));
    await assert.rejects(asOwner.applications(app.sid).update({ smsFallbackMethod: 'PUT' }), fail(400, 21403));
    assert.equal((await asOwner.applications(app.sid).fetch()).voiceUrl, 'https://app.example.com/v');
  });

  test('an Application answers a phone number\'s calls when set as its VoiceApplicationSid', async () => {
    const app = await asOwner.applications.create({ friendlyName: 'IVR', voiceUrl: 'https://app.example.com/ivr' });
    const number = await asOwner.incomingPhoneNumbers.create({ phoneNumber: '+14155550190', voiceApplicationSid: app.sid, smsApplicationSid: app.sid });
    assert.deepEqual([number.voiceApplicationSid, number.smsApplicationSid], [app.sid, app.sid]);
  });

  // Who may do what

  test('wrong credentials are 401/20003', async () => {
    const wrong = twilioClient(server.current.url, owner.sid, '0'.repeat(32));
    await assert.rejects(wrong.applications.list(), fail(401, 20003));
    await assert.rejects(wrong.applications.create({ friendlyName: 'x' }), fail(401, 20003));
    await assert.rejects(twilioClient(server.current.url, stranger.sid, stranger.auth_token, owner.sid).applications.list(), fail(401, 20003));
    await assert.rejects(twilioClient(server.current.url, sub.sid, sub.auth_token, owner.sid).applications.list(), fail(401, 20003));
  });

  test('a parent manages its subaccount\'s Applications', async () => {
    const onSub = twilioClient(server.current.url, owner.sid, owner.auth_token, sub.sid);
    const app = await onSub.applications.create({ friendlyName: 'Team app' });
    assert.equal(app.accountSid, sub.sid);
    assert.equal((await onSub.applications(app.sid).update({ friendlyName: 'Team app 2' })).friendlyName, 'Team app 2');
    assert.equal(await onSub.applications(app.sid).remove(), true);
  });

  test('Connect get-all reads the Applications of the user\'s account and its subaccounts, and writes none (403/20006)', async () => {
    const usersApp = await asOwner.applications.create({ friendlyName: 'User app' });
    const reader = connect(readSid, owner.sid);
    assert.ok((await reader.applications.list()).some((a) => a.sid === usersApp.sid));
    assert.equal((await reader.applications(usersApp.sid).fetch()).friendlyName, 'User app');
    await connect(readSid, sub.sid).applications.list();
    await assert.rejects(reader.applications.create({ friendlyName: 'x' }), fail(403, 20006));
    await assert.rejects(reader.applications(usersApp.sid).update({ voiceUrl: 'https://evil.example.com' }), fail(403, 20006));
    await assert.rejects(reader.applications(usersApp.sid).remove(), fail(403, 20006));
    await assert.rejects(connect(readSid).applications.create({ friendlyName: 'x' }), fail(403, 20006));
    await assert.rejects(connect(readSid, stranger.sid).applications.list(), fail(401, 20003), 'outside the user\'s family');
  });

  test('Connect post-all manages Applications in its own Connect subaccount only (403/20006 on the user\'s)', async () => {
    const usersApp = await asOwner.applications.create({ friendlyName: 'User app 2' });
    const app = connect(chargeSid);
    const own = await app.applications.create({ friendlyName: 'Connect app', voiceUrl: 'https://dev.example.com/voice' });
    assert.equal(own.accountSid, chargeSid);
    assert.deepEqual((await app.applications.list()).map((a) => a.sid), [own.sid]);
    assert.equal((await app.applications(own.sid).update({ smsUrl: 'https://dev.example.com/sms' })).smsUrl, 'https://dev.example.com/sms');
    await assert.rejects(connect(chargeSid, owner.sid).applications.list(), fail(403, 20006));
    await assert.rejects(connect(chargeSid, owner.sid).applications.create({ friendlyName: 'x' }), fail(403, 20006));
    await assert.rejects(connect(chargeSid, owner.sid).applications(usersApp.sid).remove(), fail(403, 20006));
    await assert.rejects(app.applications(usersApp.sid).fetch(), fail(404, 20404));
    assert.equal(await app.applications(own.sid).remove(), true);
  });

  test('after the user revokes the app, every Application request is 403/20006', async () => {
    await assert.rejects(connect(revokedSid).applications.list(), fail(403, 20006));
    await assert.rejects(connect(revokedSid).applications.create({ friendlyName: 'x' }), fail(403, 20006));
    await assert.rejects(connect(revokedSid, owner.sid).applications.list(), fail(403, 20006));
  });
});
