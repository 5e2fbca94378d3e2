import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { verifyPassword } from '../../src/console/session/password.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const PASSWORD = 'Correct-Horse-42';

onEachDatabase('SIP Credential Lists and IP Access Control Lists through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let stranger: Account;
  let asOwner: TwilioClient;
  let asStranger: TwilioClient;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    stranger = await makeAccount(db, 'Stranger');
    asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
    asStranger = twilioClient(server.current.url, stranger.sid, stranger.auth_token);
  });

  test('a credential list is created, renamed, listed with its credentials URI, and deleted with its credentials', async () => {
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Office phones' });
    assert.match(list.sid, /^CL[0-9a-f]{32}$/);
    const path = `/2010-04-01/Accounts/${owner.sid}/SIP/CredentialLists/${list.sid}`;
    assert.equal(list.uri, `${path}.json`);
    assert.deepEqual(list.subresourceUris, { credentials: `${path}/Credentials.json` });
    const renamed = await asOwner.sip.credentialLists(list.sid).update({ friendlyName: 'Desk phones' });
    assert.equal(renamed.friendlyName, 'Desk phones');
    assert.deepEqual((await asOwner.sip.credentialLists.list()).map((l) => l.sid), [list.sid]);
    const credential = await asOwner.sip.credentialLists(list.sid).credentials.create({ username: 'alice', password: PASSWORD });
    assert.equal(await asOwner.sip.credentialLists(list.sid).remove(), true);
    assert.deepEqual(await refusal(asOwner.sip.credentialLists(list.sid).fetch()), { status: 404, code: 20404 });
    const left = await server.current.deps.db.selectFrom('sip_credentials').select('sid').where('sid', '=', credential.sid).execute();
    assert.equal(left.length, 0, 'the credentials went with their list');
  });

  test('a credential never shows its password, which is stored only as a hash that verifies it', async () => {
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Softphones' });
    const credentials = asOwner.sip.credentialLists(list.sid).credentials;
    const created = await credentials.create({ username: 'bob', password: PASSWORD });
    assert.match(created.sid, /^CR[0-9a-f]{32}$/);
    assert.equal(created.uri, `/2010-04-01/Accounts/${owner.sid}/SIP/CredentialLists/${list.sid}/Credentials/${created.sid}.json`);
    assert.deepEqual([created.username, created.credentialListSid, created.accountSid], ['bob', list.sid, owner.sid]);
    const bodies = [created, await credentials(created.sid).fetch(), ...(await credentials.list())].map((c) => JSON.stringify(c.toJSON()));
    for (const body of bodies) assert.ok(!body.includes(PASSWORD) && !/password/i.test(body), body);
    const readHash = async () =>
      (await server.current.deps.db.selectFrom('sip_credentials').select('password_hash').where('sid', '=', created.sid).executeTakeFirstOrThrow()).password_hash;
    const stored = await readHash();
    assert.ok(!stored.includes(PASSWORD));
    assert.equal(await verifyPassword(PASSWORD, stored), true);
    await credentials(created.sid).update({ password: 'Another-Secret-7' });
    assert.equal(await verifyPassword('Another-Secret-7', await readHash()), true);
    assert.equal(await credentials(created.sid).remove(), true);
    assert.deepEqual(await refusal(credentials(created.sid).fetch()), { status: 404, code: 20404 });
  });

  test('weak passwords, bad usernames and a username already in the list are refused and write nothing', async () => {
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Strict' });
    const credentials = asOwner.sip.credentialLists(list.sid).credentials;
    for (const password of ['Short-1a', 'alllowercase-123', 'ALLUPPERCASE-123', 'No-Digits-Here-At-All']) {
      assert.deepEqual(await refusal(credentials.create({ username: 'carol', password })), { status: 400, code: 20001 }, password);
    }
    assert.deepEqual(await refusal(credentials.create({ username: 'has space', password: PASSWORD })), { status: 400, code: 20001 });
    assert.deepEqual(await refusal(credentials.create({ username: 'u'.repeat(33), password: PASSWORD })), { status: 400, code: 20001 });
    await credentials.create({ username: 'carol', password: PASSWORD });
    assert.deepEqual(await refusal(credentials.create({ username: 'carol', password: PASSWORD })), { status: 409, code: 20409 });
    const created = (await credentials.list())[0]!;
    assert.deepEqual(await refusal(credentials(created.sid).update({ password: 'weak' })), { status: 400, code: 20001 });
    assert.equal((await credentials.list()).length, 1);
    assert.deepEqual(await refusal(asOwner.sip.credentialLists.create({ friendlyName: '' })), { status: 400, code: 20001 });
  });

  test('an IP access control list holds IPv4 addresses and CIDR blocks, /32 by default', async () => {
    const acl = await asOwner.sip.ipAccessControlLists.create({ friendlyName: 'Office network' });
    assert.match(acl.sid, /^AL[0-9a-f]{32}$/);
    const path = `/2010-04-01/Accounts/${owner.sid}/SIP/IpAccessControlLists/${acl.sid}`;
    assert.deepEqual(acl.subresourceUris, { ip_addresses: `${path}/IpAddresses.json` });
    const addresses = asOwner.sip.ipAccessControlLists(acl.sid).ipAddresses;
    const single = await addresses.create({ friendlyName: 'PBX', ipAddress: '203.0.113.10' });
    assert.match(single.sid, /^IP[0-9a-f]{32}$/);
    assert.deepEqual([single.ipAddress, single.cidrPrefixLength, single.ipAccessControlListSid], ['203.0.113.10', 32, acl.sid]);
    assert.equal(single.uri, `${path}/IpAddresses/${single.sid}.json`);
    const block = await addresses.create({ friendlyName: 'Office', ipAddress: '198.51.100.0', cidrPrefixLength: 24 });
    const moved = await addresses(block.sid).update({ ipAddress: '198.51.101.0', cidrPrefixLength: 23 });
    assert.deepEqual([moved.ipAddress, moved.cidrPrefixLength, moved.friendlyName], ['198.51.101.0', 23, 'Office']);
    assert.deepEqual((await addresses.list()).map((a) => a.sid), [single.sid, block.sid]);
    assert.equal(await addresses(single.sid).remove(), true);
    assert.equal((await asOwner.sip.ipAccessControlLists(acl.sid).update({ friendlyName: 'HQ network' })).friendlyName, 'HQ network');
    assert.ok((await asOwner.sip.ipAccessControlLists.list()).some((l) => l.sid === acl.sid && l.friendlyName === 'HQ network'));
    assert.equal((await asOwner.sip.ipAccessControlLists(acl.sid).fetch()).friendlyName, 'HQ network');
    assert.equal(await asOwner.sip.ipAccessControlLists(acl.sid).remove(), true);
    assert.deepEqual(await refusal(addresses(block.sid).fetch()), { status: 404, code: 20404 });
  });

  test('addresses that are not IPv4 and prefixes outside 0-32 are refused and write nothing', async () => {
    const acl = await asOwner.sip.ipAccessControlLists.create({ friendlyName: 'Checked' });
    const addresses = asOwner.sip.ipAccessControlLists(acl.sid).ipAddresses;
    for (const ipAddress of ['256.1.1.1', '10.0.0', '2001:db8::1', 'pbx.example.com', '01.2.3.4']) {
      assert.deepEqual(await refusal(addresses.create({ friendlyName: 'Bad', ipAddress })), { status: 400, code: 20001 }, ipAddress);
    }
    for (const cidrPrefixLength of [33, -1]) {
      assert.deepEqual(await refusal(addresses.create({ friendlyName: 'Bad', ipAddress: '10.0.0.1', cidrPrefixLength })), { status: 400, code: 20001 });
    }
    assert.equal((await addresses.list()).length, 0);
  });

  test('another account\'s lists and their entries are 404s, never shown', async () => {
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Private' });
    const acl = await asOwner.sip.ipAccessControlLists.create({ friendlyName: 'Private' });
    const strangerPath = (sid: string) => twilioClient(server.current.url, stranger.sid, stranger.auth_token, sid);
    const asStrangerSelf = strangerPath(stranger.sid);
    assert.deepEqual(await refusal(asStrangerSelf.sip.credentialLists(list.sid).fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asStrangerSelf.sip.credentialLists(list.sid).credentials.list()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asStrangerSelf.sip.credentialLists(list.sid).credentials.create({ username: 'mallory', password: PASSWORD })), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asStrangerSelf.sip.ipAccessControlLists(acl.sid).ipAddresses.list()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asStranger.sip.ipAccessControlLists(list.sid.replace('CL', 'AL')).fetch()), { status: 404, code: 20404 });
    assert.equal((await asStranger.sip.credentialLists.list()).length, 0);
  });
});
