import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const fail = (status: number, code: number) => ({ status, code });

onEachDatabase('API keys through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let sub: Account;
  let stranger: Account;
  let connectSid: string;
  let developer: Account;
  let asOwner: TwilioClient;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    sub = await makeAccount(db, 'Team A', 'Full', owner.sid);
    stranger = await makeAccount(db, 'Stranger');
    developer = await makeAccount(db, 'Developer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), owner);
    asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
  });

  const withKey = (sid: string, secret: string, accountSid = owner.sid) => twilioClient(server.current.url, sid, secret, accountSid);

  test('a new key answers 201 with its secret once; fetch, list and update never show it again', async () => {
    const key = await asOwner.newKeys.create({ friendlyName: 'CI' });
    assert.match(key.sid, /^SK[0-9a-f]{32}$/);
    assert.match(key.secret, /^[A-Za-z0-9]{32}$/);
    assert.equal(key.friendlyName, 'CI');

    const fetched = await asOwner.keys(key.sid).fetch();
    assert.equal(fetched.friendlyName, 'CI');
    assert.equal('secret' in fetched.toJSON(), false);
    const renamed = await asOwner.keys(key.sid).update({ friendlyName: 'Production' });
    assert.equal(renamed.friendlyName, 'Production');
    const listed = await asOwner.keys.list();
    assert.deepEqual(listed.map((k) => [k.sid, k.friendlyName]), [[key.sid, 'Production']]);
  });

  test('the secret is stored only as a hash', async () => {
    const key = await asOwner.newKeys.create({ friendlyName: 'Hashed' });
    const row = await server.current.deps.db.selectFrom('api_keys').selectAll().where('sid', '=', key.sid).executeTakeFirstOrThrow();
    assert.match(row.secret_hash, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(row).includes(key.secret));
  });

  test('a key and its secret act as the key\'s account, and a deleted key stops at once', async () => {
    const key = await asOwner.newKeys.create({ friendlyName: 'Worker' });
    const client = withKey(key.sid, key.secret);
    const message = await client.messages.create({ to: '+12125550100', from: '+15005550006', body: 'sent with a key' });
    assert.equal(message.accountSid, owner.sid);
    assert.ok((await client.messages.list()).some((m) => m.sid === message.sid));

    await asOwner.keys(key.sid).remove();
    assert.deepEqual(await refusal(client.messages.list()), fail(401, 20003));
    assert.deepEqual(await refusal(asOwner.keys(key.sid).fetch()), fail(404, 20404));
  });

  test('a key with a wrong secret, or of another account, is refused with 401', async () => {
    const key = await asOwner.newKeys.create();
    assert.deepEqual(await refusal(withKey(key.sid, 'x'.repeat(32)).messages.list()), fail(401, 20003));
    assert.deepEqual(await refusal(withKey(key.sid, key.secret, stranger.sid).messages.list()), fail(401, 20003));
  });

  test('a parent\'s key reaches its subaccounts; a subaccount\'s key never reaches its parent', async () => {
    const parentKey = await asOwner.newKeys.create();
    assert.deepEqual(await withKey(parentKey.sid, parentKey.secret, sub.sid).calls.list(), []);
    const subKey = await twilioClient(server.current.url, sub.sid, sub.auth_token).newKeys.create();
    assert.deepEqual(await refusal(withKey(subKey.sid, subKey.secret, owner.sid).calls.list()), fail(401, 20003));
  });

  test('a key cannot manage keys or accounts: those need the Auth Token', async () => {
    const key = await asOwner.newKeys.create();
    const client = withKey(key.sid, key.secret);
    assert.deepEqual(await refusal(client.newKeys.create()), fail(403, 20403));
    assert.deepEqual(await refusal(client.keys.list()), fail(403, 20403));
    assert.deepEqual(await refusal(client.api.v2010.account.fetch()), fail(403, 20403));
    assert.deepEqual(await refusal(withKey(key.sid, key.secret, stranger.sid).keys.list()), fail(401, 20003), 'another account stays unreachable');
  });

  test('Connect credentials can neither create nor read keys, even granted get-all and post-all', async () => {
    const connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    assert.deepEqual(await refusal(connect.newKeys.create()), fail(403, 20006));
    assert.deepEqual(await refusal(connect.keys.list()), fail(403, 20006));
    assert.deepEqual(await refusal(connect.newSigningKeys.create()), fail(403, 20006));
    const onParent = twilioClient(server.current.url, connectSid, developer.auth_token, owner.sid);
    assert.deepEqual(await refusal(onParent.keys.list()), fail(403, 20006));
  });

  test('signing keys have their own list and the same life cycle', async () => {
    const signing = await asOwner.newSigningKeys.create({ friendlyName: 'Tokens' });
    assert.match(signing.secret, /^[A-Za-z0-9]{32}$/);
    assert.equal((await asOwner.signingKeys(signing.sid).update({ friendlyName: 'JWT' })).friendlyName, 'JWT');
    assert.ok((await asOwner.signingKeys.list()).some((k) => k.sid === signing.sid));
    assert.ok(!(await asOwner.keys.list()).some((k) => k.sid === signing.sid), 'standard keys list only standard keys');
    assert.deepEqual(await refusal(asOwner.keys(signing.sid).fetch()), fail(404, 20404));
    await asOwner.signingKeys(signing.sid).remove();
    assert.deepEqual(await refusal(asOwner.signingKeys(signing.sid).fetch()), fail(404, 20404));
  });

  test('a name over 64 characters, an unknown parameter or a malformed SID is refused', async () => {
    assert.deepEqual(await refusal(asOwner.newKeys.create({ friendlyName: 'x'.repeat(65) })), fail(400, 20001));
    const raw = await fetch(`${server.current.url}/2010-04-01/Accounts/${owner.sid}/Keys.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${owner.sid}:${owner.auth_token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Secret=mine',
    });
    assert.equal(raw.status, 400);
    assert.equal(((await raw.json()) as { code: number }).code, 20001);
    assert.deepEqual(await refusal(asOwner.keys('SKnot-a-sid').fetch()), fail(404, 20404));
  });
});
