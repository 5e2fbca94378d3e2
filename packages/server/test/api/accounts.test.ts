import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

onEachDatabase('Accounts through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;

  before(async () => {
    owner = await makeAccount(server.current.deps.db, 'Owner');
  });

  const ownerClient = () => twilioClient(server.current.url, owner.sid, owner.auth_token);

  test('the owner fetches its own account with its auth token', async () => {
    const account = await ownerClient().api.v2010.accounts(owner.sid).fetch();
    assert.equal(account.sid, owner.sid);
    assert.equal(account.authToken, owner.auth_token);
    assert.equal(account.ownerAccountSid, owner.sid);
    assert.equal(account.type, 'Full');
    assert.ok(account.dateCreated instanceof Date, 'date_created parses as a Date');
  });

  test('creating a subaccount answers 201 with its own token, owned by the creator', async () => {
    const sub = await ownerClient().api.v2010.accounts.create({ friendlyName: 'Team A' });
    assert.equal(sub.friendlyName, 'Team A');
    assert.equal(sub.ownerAccountSid, owner.sid);
    assert.match(sub.authToken, /^[0-9a-f]{32}$/);
    assert.notEqual(sub.authToken, owner.auth_token);
  });

  test('a subaccount created without a name gets Twilio\'s default name', async () => {
    const sub = await ownerClient().api.v2010.accounts.create();
    assert.match(sub.friendlyName, /^SubAccount Created at \d{4}-\d{2}-\d{2} \d{2}:\d{2} (am|pm)$/);
  });

  test('the list holds the caller and its subaccounts, filtered by name and status', async () => {
    const client = ownerClient();
    const all = await client.api.v2010.accounts.list();
    assert.ok(all.some((a) => a.sid === owner.sid));
    assert.ok(all.every((a) => a.sid === owner.sid || a.ownerAccountSid === owner.sid));
    const named = await client.api.v2010.accounts.list({ friendlyName: 'Team A' });
    assert.deepEqual(named.map((a) => a.friendlyName), ['Team A']);
    const closed = await client.api.v2010.accounts.list({ status: 'closed' });
    assert.deepEqual(closed, []);
  });

  test('the parent renames, suspends, reactivates and finally closes a subaccount', async () => {
    const client = ownerClient();
    const sub = await client.api.v2010.accounts.create({ friendlyName: 'Temp' });
    const renamed = await client.api.v2010.accounts(sub.sid).update({ friendlyName: 'Renamed' });
    assert.equal(renamed.friendlyName, 'Renamed');
    assert.equal((await client.api.v2010.accounts(sub.sid).update({ status: 'suspended' })).status, 'suspended');
    assert.equal((await client.api.v2010.accounts(sub.sid).update({ status: 'active' })).status, 'active');
    assert.equal((await client.api.v2010.accounts(sub.sid).update({ status: 'closed' })).status, 'closed');
    await assert.rejects(client.api.v2010.accounts(sub.sid).update({ status: 'active' }), { status: 400, code: 21479 });
  });

  test('a suspended subaccount cannot authenticate with its own token', async () => {
    const client = ownerClient();
    const sub = await client.api.v2010.accounts.create({ friendlyName: 'Suspended' });
    await client.api.v2010.accounts(sub.sid).update({ status: 'suspended' });
    const own = twilioClient(server.current.url, sub.sid, sub.authToken);
    await assert.rejects(own.api.v2010.accounts(sub.sid).fetch(), { status: 401, code: 20003 });
  });

  test("a subaccount's own credentials stop working while its parent is suspended", async () => {
    const { db } = server.current.deps;
    const parent = await makeAccount(db, 'Suspended parent');
    const sub = await twilioClient(server.current.url, parent.sid, parent.auth_token).api.v2010.accounts.create({ friendlyName: 'Child' });
    const own = twilioClient(server.current.url, sub.sid, sub.authToken);
    assert.equal((await own.api.v2010.accounts(sub.sid).fetch()).sid, sub.sid);
    await db.updateTable('accounts').set({ status: 'suspended' }).where('sid', '=', parent.sid).execute();
    await assert.rejects(own.api.v2010.accounts(sub.sid).fetch(), { status: 401, code: 20003 });
  });

  test('paging through more than 1000 accounts with list() and each() returns each exactly once', async () => {
    const parent = await makeAccount(server.current.deps.db, 'Big Parent');
    const { db } = server.current.deps;
    const rows = Array.from({ length: 1105 }, (_, i) => ({
      sid: `AC${(i + 1).toString(16).padStart(32, '0')}`,
      parent_sid: parent.sid,
      friendly_name: `bulk ${i}`,
      type: 'Full' as const,
      status: 'active' as const,
      auth_token: 'f'.repeat(32),
      date_created: Date.UTC(2024, 5, 1) + Math.floor(i / 3) * 1000,
      date_updated: Date.UTC(2024, 5, 1),
    }));
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('accounts').values(rows.slice(i, i + 200)).execute();

    const client = twilioClient(server.current.url, parent.sid, parent.auth_token);
    const listed = await client.api.v2010.accounts.list({ pageSize: 1000 });
    assert.equal(listed.length, 1106);
    assert.equal(new Set(listed.map((a) => a.sid)).size, 1106);

    const seen: string[] = [];
    await client.api.v2010.accounts.each({ pageSize: 97 }, (a) => { seen.push(a.sid); });
    assert.equal(seen.length, 1106);
    assert.equal(new Set(seen).size, 1106);

    const first = await client.api.v2010.accounts.page({ pageSize: 50 });
    const second = await first.nextPage();
    assert.ok(second);
    const back = await second.previousPage();
    assert.deepEqual(back?.instances.map((a) => a.sid), first.instances.map((a) => a.sid));
  });
});
