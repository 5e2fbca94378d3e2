import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import twilio from 'twilio';
import { grantAccess } from '../../src/connect/grant-access.ts';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import { createAppFor } from '../../src/connect/create-connect-app.ts';
import { migrateToLatest, openStorage } from '../../src/storage/database.ts';
import { createAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import { claimDue } from '../../src/storage/repositories/webhook-deliveries.ts';
import type { Database } from '../../src/storage/schema.ts';
import { createDispatcher, LEASE_MS } from '../../src/webhooks/dispatcher.ts';
import { startTestServer } from '../support/console-server.ts';
import { onEachDatabase, type TestDatabase } from '../support/databases.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Revoked {
  developer: Account;
  subaccountSid: string;
  appSid: string;
}

/** A developer's app with a Deauthorize URL, authorized by a user who then revokes it. */
async function revokedGrant(db: Kysely<Database>, url: string, method: 'GET' | 'POST' = 'POST'): Promise<Revoked> {
  const now = Date.now();
  const developer = await createAccount(db, { friendlyName: 'Developer', type: 'Full', parentSid: null, now });
  const user = await createAccount(db, { friendlyName: 'User', type: 'Full', parentSid: null, now });
  const app = await createAppFor(db, developer, {
    friendly_name: 'Call Analytics', company_name: 'Rossum', authorize_redirect_url: 'https://analytics.example.com/authorize',
    deauthorize_callback_url: url, deauthorize_callback_method: method, permissions: 'get-all',
  }, now);
  const grant = await grantAccess(db, { connectAppSid: app.sid, accountSid: user.sid, now });
  await revokeAccess(db, { connectAppSid: app.sid, accountSid: user.sid, now });
  return { developer, subaccountSid: grant.subaccount_sid, appSid: app.sid };
}

const deliveriesOf = (db: Kysely<Database>, appSid: string) =>
  db.selectFrom('webhook_deliveries').selectAll().where('connect_app_sid', '=', appSid).execute();

const attemptsOf = (db: Kysely<Database>, deliverySid: string) =>
  db.selectFrom('webhook_attempts').selectAll().where('delivery_sid', '=', deliverySid).orderBy('number').execute();

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(20);
  }
}

onEachDatabase('Deauthorize callbacks through the outbox', (database: TestDatabase) => {
  let receiver: Receiver;
  let dir: string;
  /** SQLite needs a file that outlives one server; PostgreSQL has its database already. */
  const durableUrl = () => (database.name === 'SQLite' ? join(dir, 'switchboard.sqlite') : database.url);

  before(async () => {
    receiver = await startReceiver();
    dir = mkdtempSync(join(tmpdir(), 'switchboard-outbox-'));
  });
  after(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a callback to a receiver that is down is retried with backoff and delivered once when it comes up', async () => {
    const down = await startReceiver();
    const port = down.port;
    await down.close();
    const server = await startTestServer(durableUrl());
    try {
      const { db } = server.deps;
      const { appSid } = await revokedGrant(db, `http://127.0.0.1:${port}/deauthorize`);
      const [delivery] = await deliveriesOf(db, appSid);
      await until('two attempts have failed', async () => (await attemptsOf(db, delivery!.sid)).length >= 2);

      const up = await startReceiver(port);
      try {
        await up.waitFor('/deauthorize');
        await until('the delivery is settled', async () => (await deliveriesOf(db, appSid))[0]!.status === 'delivered');
        await sleep(600);
        assert.equal(up.received.length, 1, 'acknowledged once, never sent again');
      } finally {
        await up.close();
      }
      const attempts = await attemptsOf(db, delivery!.sid);
      const last = attempts.at(-1)!;
      assert.equal(last.response_status, 200);
      assert.equal(last.next_attempt_at, null);
      for (const failed of attempts.slice(0, -1)) {
        assert.equal(failed.response_status, null);
        assert.match(failed.error!, /ECONNREFUSED/);
        assert.ok(failed.next_attempt_at! > failed.started_at, 'each failure schedules a retry');
      }
      assert.deepEqual(attempts.map((a) => a.number), attempts.map((_, i) => i + 1));
    } finally {
      await server.close();
    }
  });

  test('a receiver answering 500 is retried until a 2xx, and nothing is sent after the acknowledgement', async () => {
    const server = await startTestServer(durableUrl());
    try {
      const { db } = server.deps;
      let calls = 0;
      receiver.respond = (r) => (r.path === '/flaky' ? (++calls <= 2 ? 500 : 204) : 200);
      const { appSid } = await revokedGrant(db, `${receiver.origin}/flaky`);
      await receiver.waitFor('/flaky', 3);
      await until('the delivery is settled', async () => (await deliveriesOf(db, appSid))[0]!.status === 'delivered');
      await sleep(600);
      assert.equal(receiver.received.filter((r) => r.path === '/flaky').length, 3);
      const [delivery] = await deliveriesOf(db, appSid);
      assert.deepEqual((await attemptsOf(db, delivery!.sid)).map((a) => a.response_status), [500, 500, 204]);
    } finally {
      receiver.respond = () => 200;
      await server.close();
    }
  });

  test('a GET callback carries AccountSid and ConnectAppSid in a signed query after the URL\'s own', async () => {
    const server = await startTestServer(durableUrl());
    try {
      const { developer, subaccountSid, appSid } = await revokedGrant(server.deps.db, `${receiver.origin}/deauth-get?app=analytics`, 'GET');
      const [callback] = await receiver.waitFor('/deauth-get');
      assert.equal(callback!.method, 'GET');
      assert.deepEqual([...callback!.query], [['app', 'analytics'], ['AccountSid', subaccountSid], ['ConnectAppSid', appSid]]);
      assert.equal(twilio.validateRequest(developer.auth_token, callback!.headers['x-twilio-signature'] as string, callback!.url, {}), true);
    } finally {
      await server.close();
    }
  });

  test('a revocation committed while no dispatcher runs is delivered exactly once by the next server on the same database', async () => {
    const first = await startTestServer(durableUrl(), { SWITCHBOARD_WEBHOOK_POLL_MS: '0' });
    let appSid: string;
    try {
      ({ appSid } = await revokedGrant(first.deps.db, `${receiver.origin}/restart`));
      await sleep(200);
      assert.equal(receiver.received.filter((r) => r.path === '/restart').length, 0);
      assert.equal((await deliveriesOf(first.deps.db, appSid))[0]!.status, 'pending');
    } finally {
      await first.close();
    }
    const second = await startTestServer(durableUrl());
    try {
      await receiver.waitFor('/restart');
      await until('the delivery is settled', async () => (await deliveriesOf(second.deps.db, appSid))[0]!.status === 'delivered');
      await sleep(300);
      assert.equal(receiver.received.filter((r) => r.path === '/restart').length, 1);
    } finally {
      await second.close();
    }
  });

  test('a delivery claimed by a dispatcher that died is left alone until its lease expires, then sent once', async () => {
    const crashed = await startTestServer(durableUrl(), { SWITCHBOARD_WEBHOOK_POLL_MS: '0' });
    let appSid: string;
    try {
      ({ appSid } = await revokedGrant(crashed.deps.db, `${receiver.origin}/lease`));
      const claimed = await claimDue(crashed.deps.db, crashed.storage.dialect, { now: Date.now(), leaseMs: LEASE_MS, limit: 100, leaseToken: 'dead-dispatcher' });
      assert.ok(claimed.some((d) => d.connect_app_sid === appSid));
    } finally {
      await crashed.close();
    }
    const during = await startTestServer(durableUrl());
    try {
      await sleep(300);
      assert.equal(receiver.received.filter((r) => r.path === '/lease').length, 0, 'the claim is honoured while it lasts');
    } finally {
      await during.close();
    }
    const later = await startTestServer(durableUrl(), {}, { clock: () => Date.now() + LEASE_MS + 1000 });
    try {
      await receiver.waitFor('/lease');
      await until('the delivery is settled', async () => (await deliveriesOf(later.deps.db, appSid))[0]!.status === 'delivered');
      await sleep(300);
      assert.equal(receiver.received.filter((r) => r.path === '/lease').length, 1);
      const [delivery] = await deliveriesOf(later.deps.db, appSid);
      assert.equal(delivery!.attempts, 2, 'the dead claim counts as an attempt');
      assert.equal((await attemptsOf(later.deps.db, delivery!.sid)).length, 1, 'only the real send is logged');
    } finally {
      await later.close();
    }
  });

  test(`two dispatchers ${database.name === 'PostgreSQL' ? 'in separate connection pools' : 'sharing the single writer'} never send the same delivery twice`, async () => {
    // Two pools on PostgreSQL behave as two processes; SQLite allows one writer, shared here.
    const one = openStorage(durableUrl());
    const two = database.name === 'PostgreSQL' ? openStorage(durableUrl()) : one;
    await migrateToLatest(one.db);
    const backoff = { baseMs: 50, capMs: 100, maxAttempts: 5 };
    const dispatchers = [one, two].map((s) => createDispatcher(s.db, s.dialect, { pollMs: 2, batch: 2, backoff, clock: Date.now }));
    try {
      receiver.respond = () => 200;
      const apps = [];
      for (let i = 0; i < 60; i++) apps.push((await revokedGrant(one.db, `${receiver.origin}/race`)).appSid);
      for (const d of dispatchers) d.start();
      const received = await receiver.waitFor('/race', 60);
      await sleep(300);
      const tokens = receiver.received.filter((r) => r.path === '/race').map((r) => r.headers['i-twilio-idempotency-token']);
      assert.equal(tokens.length, 60);
      assert.equal(new Set(tokens).size, 60);
      assert.deepEqual(new Set(received.map((r) => r.form.ConnectAppSid)), new Set(apps));
    } finally {
      for (const d of dispatchers) await d.stop();
      await one.close();
      if (two !== one) await two.close();
    }
  });
});
