import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import twilio from 'twilio';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertMatchesSpec } from '../support/spec-validator.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/** Links other parts of Switchboard serve (notifications; API keys). */
const SERVED_ELSEWHERE = new Set(['notifications', 'keys', 'signing_keys']);
/** `usage` and `sip` name namespaces, not lists (Twilio's spec gives them no GET): their lists are checked instead. */
const NAMESPACES: Record<string, string[]> = {
  usage: ['Usage/Records', 'Usage/Triggers'],
  sip: ['SIP/Domains', 'SIP/CredentialLists', 'SIP/IpAccessControlLists'],
};

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: number }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, String(error));
    return { status: error.status, code: error.code! };
  }
  assert.fail('expected the request to be refused');
}

onEachDatabase('Every resource an account links to', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let sub: Account;
  let developer: Account;
  let connectSid: string;
  let client: TwilioClient;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    sub = await makeAccount(db, 'Team', 'Full', owner.sid);
    developer = await makeAccount(db, 'Developer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), owner);
    client = twilioClient(server.current.url, owner.sid, owner.auth_token);
  });

  const control = (accountSid: string, username: string, password: string, form: Record<string, string>) =>
    fetch(`${server.current.url}/_switchboard/Accounts/${accountSid}/OutgoingCallerIds.json`, {
      method: 'POST',
      headers: { authorization: basic(username, password), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  test('each subresource URI of an account answers 200 with a list in Twilio\'s shape', async () => {
    const account = await client.api.v2010.account.fetch();
    const links = Object.entries(account.subresourceUris)
      .filter(([key]) => !SERVED_ELSEWHERE.has(key))
      .flatMap(([key, uri]): Array<[string, string]> => (NAMESPACES[key] ?? [null]).map((list) => [key, list ? `/2010-04-01/Accounts/${owner.sid}/${list}.json` : uri]));
    assert.ok(links.length >= 20);
    for (const [key, uri] of links) {
      const response = await fetch(server.current.url + uri, { headers: { authorization: basic(owner.sid, owner.auth_token) } });
      assert.equal(response.status, 200, `${key}: ${uri}`);
      assertMatchesSpec('GET', uri, 200, await response.json());
    }
  });

  test('a fresh account lists no conferences, SIP domains, triggers or addresses, an unknown conference is a 404, and list filters are checked', async () => {
    assert.deepEqual(await client.conferences.list({ status: 'in-progress', dateCreated: new Date('2024-01-02') }), []);
    assert.deepEqual(await client.sip.domains.list(), []);
    assert.deepEqual(await client.usage.triggers.list({ recurring: 'daily' }), []);
    assert.deepEqual(await client.shortCodes.list({ shortCode: '12345' }), []);
    assert.deepEqual(await client.addresses.list({ isoCountry: 'US' }), []);
    assert.deepEqual(await rejection(client.conferences('CF' + '0'.repeat(32)).fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await rejection(client.conferences.list({ status: 'bogus' as 'init' })), { status: 400, code: 20001 });
  });

  test('a Queue is created, listed, fetched, updated and deleted, with Twilio\'s defaults and limits', async () => {
    const queue = await client.queues.create({ friendlyName: 'Support' });
    assert.match(queue.sid, /^QU[0-9a-f]{32}$/);
    assert.deepEqual({ maxSize: queue.maxSize, currentSize: queue.currentSize, averageWaitTime: queue.averageWaitTime }, { maxSize: 1000, currentSize: 0, averageWaitTime: 0 });
    const updated = await client.queues(queue.sid).update({ friendlyName: 'Sales', maxSize: 5000 });
    assert.deepEqual({ name: updated.friendlyName, max: updated.maxSize }, { name: 'Sales', max: 5000 });
    assert.deepEqual((await client.queues.list()).map((q) => q.friendlyName), ['Sales']);
    assert.equal((await client.queues(queue.sid).fetch()).maxSize, 5000);
    assert.deepEqual(await rejection(client.queues(queue.sid).update({ maxSize: 5001 })), { status: 400, code: 20001 });
    assert.deepEqual(await rejection(client.queues.create({ friendlyName: '' })), { status: 400, code: 20001 });
    assert.equal(await client.queues(queue.sid).remove(), true);
    assert.deepEqual(await rejection(client.queues(queue.sid).fetch()), { status: 404, code: 20404 });
  });

  test('a caller ID verified through the test control is listed, fetched, renamed and deleted through twilio-node', async () => {
    const response = await control(owner.sid, owner.sid, owner.auth_token, { PhoneNumber: '+14155550111', FriendlyName: 'My cell' });
    assert.equal(response.status, 201);
    const verified = (await response.json()) as { sid: string; phone_number: string };
    assert.match(verified.sid, /^PN[0-9a-f]{32}$/);
    const listed = await client.outgoingCallerIds.list({ phoneNumber: '+14155550111' });
    assert.deepEqual(listed.map((c) => [c.sid, c.friendlyName]), [[verified.sid, 'My cell']]);
    assert.equal((await client.outgoingCallerIds(verified.sid).update({ friendlyName: 'Work' })).friendlyName, 'Work');
    assert.equal((await client.outgoingCallerIds(verified.sid).fetch()).phoneNumber, '+14155550111');
    assert.equal(await client.outgoingCallerIds(verified.sid).remove(), true);
    assert.deepEqual(await client.outgoingCallerIds.list(), []);
  });

  test('the caller ID control takes a parent\'s credentials, refuses Connect credentials (20006) and bad numbers', async () => {
    assert.equal((await control(sub.sid, owner.sid, owner.auth_token, { PhoneNumber: '+14155550112' })).status, 201);
    const connect = await control(connectSid, connectSid, developer.auth_token, { PhoneNumber: '+14155550113' });
    assert.deepEqual([connect.status, ((await connect.json()) as { code: number }).code], [403, 20006]);
    const child = await control(owner.sid, sub.sid, sub.auth_token, { PhoneNumber: '+14155550114' });
    assert.deepEqual([child.status, ((await child.json()) as { code: number }).code], [401, 20003]);
    const bad = await control(owner.sid, owner.sid, owner.auth_token, { PhoneNumber: '555' });
    assert.deepEqual([bad.status, ((await bad.json()) as { code: number }).code], [400, 20001]);
  });
});
