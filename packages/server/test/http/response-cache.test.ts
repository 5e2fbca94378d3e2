import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStorage, type Storage } from '../../src/storage/database.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import type { RunningServer } from '../../src/server.ts';
import { control } from '../support/controls.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, fund, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { startTestServer } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

onEachDatabase('Whole answers served again until what they read changes', (database) => {
  let now = Date.UTC(2025, 4, 6, 15, 0, 0);
  let server: RunningServer;
  // Another process on the same database (SQLite: the same file).
  let other: Storage;
  let folder: string | undefined;
  let customer: Account;
  let developer: Account;
  let connectSid: string;
  const NUMBER = '+14155550160';

  before(async () => {
    let url = database.url;
    if (database.name === 'SQLite') {
      folder = mkdtempSync(join(tmpdir(), 'switchboard-answers-'));
      url = join(folder, 'switchboard.db');
    }
    server = await startTestServer(url, { clock: () => now, simulationIntervalMs: 0 });
    other = openStorage(url);
    const { db } = server.deps;
    customer = await makeAccount(db, 'Customer');
    developer = await makeAccount(db, 'Developer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), customer);
    await giveNumber(db, customer.sid, NUMBER);
    await fund(db, customer.sid, 100);
  });
  after(async () => {
    await other.close();
    await server.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const get = async (path: string, authorization = basic(customer.sid, customer.auth_token)) => {
    const response = await fetch(`${server.url}/2010-04-01/Accounts/${path}`, { headers: { authorization } });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const hits = () => server.responses!.hits;

  test('a repeated GET is answered from memory with the same status, headers and bytes', async () => {
    const client = twilioClient(server.url, customer.sid, customer.auth_token);
    await client.calls.create({ to: '+12125550100', from: NUMBER, url: 'https://app.example.com/twiml' });
    const first = await get(`${customer.sid}/Calls.json?PageSize=20`);
    const headers = (h: Headers) => [...h].filter(([name]) => name !== 'date');
    // On PostgreSQL a commit anywhere on the server (other tests' databases too) rightly makes the next
    // request read again; of a few repeats, one must come from memory.
    let fromMemory = false;
    for (let i = 0; i < 10 && !fromMemory; i++) {
      const before = hits();
      const again = await get(`${customer.sid}/Calls.json?PageSize=20`);
      fromMemory = hits() === before + 1;
      assert.equal(again.status, 200);
      assert.equal(again.text, first.text);
      assert.deepEqual(headers(again.headers), headers(first.headers));
    }
    assert.ok(fromMemory, 'a repeat came from the cache');
  });

  test("a call's status moved on by the simulation is never served as it was", async () => {
    const client = twilioClient(server.url, customer.sid, customer.auth_token);
    const call = await client.calls.create({ to: '+12125550100', from: NUMBER, url: 'https://app.example.com/twiml' });
    assert.equal((await client.calls(call.sid).fetch()).status, 'queued');
    assert.equal((await client.calls(call.sid).fetch()).status, 'queued');
    const listed = async () => (await client.calls.list({ limit: 50 })).find((c) => c.sid === call.sid)!.status;
    assert.equal(await listed(), 'queued');
    now += 1000;
    await server.simulator.advanceTo(now);
    assert.equal((await client.calls(call.sid).fetch()).status, 'ringing');
    assert.equal(await listed(), 'ringing');
    now += 3_600_000;
    await server.simulator.advanceTo(now);
    assert.notEqual((await client.calls(call.sid).fetch()).status, 'ringing');
  });

  test("a message's status that follows the clock is never served as it was, with no write to tell", async () => {
    const client = twilioClient(server.url, customer.sid, customer.auth_token);
    // No StatusCallback: nothing observes its way, so nothing is written until it settles.
    const message = await client.messages.create({ to: '+12125550100', from: NUMBER, body: 'Unobserved' });
    const page = `${customer.sid}/Messages.json?PageSize=5`;
    const before = hits();
    for (let i = 0; i < 4; i++) {
      assert.equal((await client.messages(message.sid).fetch()).status, 'queued');
      assert.match((await get(page)).text, /"status": ?"queued"/);
    }
    assert.ok(hits() > before, 'repeats came from the cache');
    now += 300;
    assert.equal((await client.messages(message.sid).fetch()).status, 'sending');
    assert.match((await get(page)).text, /"status": ?"sending"/);
    now += 500;
    assert.equal((await client.messages(message.sid).fetch()).status, 'sent');
    assert.match((await get(page)).text, /"status": ?"sent"/);
  });

  test('a write by another process is seen at once', async () => {
    const page = `${customer.sid}/Messages.json`;
    const client = twilioClient(server.url, customer.sid, customer.auth_token);
    const message = await client.messages.create({ to: '+12125550100', from: NUMBER, body: 'Before' });
    assert.match((await get(page)).text, /"Before"/);
    assert.match((await get(page)).text, /"Before"/);
    await other.db.updateTable('messages').set({ body: 'After' }).where('sid', '=', message.sid).execute();
    assert.match((await get(page)).text, /"After"/);
  });

  test('credentials changed after an answer was kept are refused, not served', async () => {
    const sub = await makeAccount(server.deps.db, 'Team', 'Full', customer.sid);
    const path = `${sub.sid}/Calls.json`;
    assert.equal((await get(path, basic(sub.sid, sub.auth_token))).status, 200);
    assert.equal((await get(path, basic(sub.sid, sub.auth_token))).status, 200);
    const owner = twilioClient(server.url, customer.sid, customer.auth_token);
    await owner.api.v2010.accounts(sub.sid).update({ status: 'suspended' });
    assert.equal((await get(path, basic(sub.sid, sub.auth_token))).status, 401);
  });

  test('other credentials never get an answer kept for someone else', async () => {
    const stranger = await makeAccount(server.deps.db, 'Stranger');
    const path = `${customer.sid}/Calls.json?PageSize=20`;
    assert.equal((await get(path)).status, 200);
    const refused = await get(path, basic(stranger.sid, stranger.auth_token));
    assert.notEqual(refused.status, 200);
    assert.equal((await get(path, basic(customer.sid, 'not-the-token'))).status, 401);
  });

  test('a fault injected after an answer was kept is met by the next request', async () => {
    const path = `${customer.sid}/Calls.json?PageSize=5`;
    assert.equal((await get(path)).status, 200);
    assert.equal((await get(path)).status, 200);
    const added = await control(server.url, { username: customer.sid, password: customer.auth_token }, 'POST', `/Accounts/${customer.sid}/Faults.json`, { Status: '503', Method: 'GET', Path: '*/Calls.json' });
    assert.equal(added.status, 201);
    const failed = await get(path);
    assert.equal(failed.status, 503);
    assert.equal(JSON.parse(failed.text).code, 20503);
    assert.equal((await get(path)).status, 200, 'the fault was used once');
  });

  test('a Connect App served from memory is still in the audit trail', async () => {
    const connect = basic(connectSid, developer.auth_token);
    const path = `${connectSid}/Messages.json?PageSize=3`;
    const count = async () => {
      await server.deps.audit!.flush();
      const rows = await server.deps.db.selectFrom('connect_activity').select('sid').where('subaccount_sid', '=', connectSid).where('path', '=', `/2010-04-01/Accounts/${connectSid}/Messages.json`).execute();
      return rows.length;
    };
    const before = await count();
    const served = hits();
    // Until two came from memory (a commit elsewhere on a shared PostgreSQL server can force a read).
    let asked = 0;
    for (; asked < 12 && hits() < served + 2; asked++) assert.equal((await get(path, connect)).status, 200);
    assert.ok(hits() >= served + 2, `two of ${asked} came from memory`);
    assert.equal(await count(), before + asked);
  });

  test('the same page asked for by many clients at once is answered alike, and each request of a Connect App is recorded', async () => {
    const connect = basic(connectSid, developer.auth_token);
    const path = `${connectSid}/Calls.json?PageSize=7`;
    const recorded = async () => {
      await server.deps.audit!.flush();
      return (await server.deps.db.selectFrom('connect_activity').select('sid').where('subaccount_sid', '=', connectSid).where('path', '=', `/2010-04-01/Accounts/${connectSid}/Calls.json`).execute()).length;
    };
    const before = await recorded();
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(path, connect)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.equal(new Set(answers.map((a) => a.text)).size, 1);
    assert.equal(await recorded(), before + 12);
  });
});
