import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { openStorage, type Storage } from '../../src/storage/database.ts';
import type { Database } from '../../src/storage/schema.ts';
import { startRoundRobin, startServe, stopServe, type RoundRobin, type ServeProcess } from '../support/cluster.ts';
import { control } from '../support/controls.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { PageClient } from '../support/page-client.ts';
import { makePng } from '../support/png.ts';
import { startReceiver, type Receiver, type Received } from '../support/receiver.ts';
import { redisPrefixForSuite, REDIS_URL } from '../support/redis.ts';
import { twilioClient } from '../support/twilio-client.ts';
import { uniqueEmail } from '../console/steps.ts';

const CONCURRENCY = 3;
/** The dispatcher's claim in this deployment (SWITCHBOARD_WEBHOOK_LEASE_MS) and its deliveries claimed per round. */
const LEASE_MS = 3000;
const BATCH = 20;
const FINAL = new Set(['delivered', 'undelivered', 'failed']);

describe('Three switchboard processes on one PostgreSQL and one Redis, behind a round-robin load balancer', () => {
  let dropDatabase: () => Promise<void>;
  let cleanRedis: () => Promise<void>;
  let storage: Storage;
  let db: Kysely<Database>;
  let env: Record<string, string>;
  const processes: ServeProcess[] = [];
  let balancer: RoundRobin;
  let receiver: Receiver;
  let demo: { account_sid: string; auth_token: string };

  before(async () => {
    const database = await createPostgresDatabase();
    dropDatabase = database.drop;
    const redis = await redisPrefixForSuite();
    cleanRedis = redis.clean;
    env = {
      DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: redis.prefix, SWITCHBOARD_API_CONCURRENCY: String(CONCURRENCY),
      SWITCHBOARD_WEBHOOK_POLL_MS: '100', SWITCHBOARD_WEBHOOK_LEASE_MS: String(LEASE_MS), HOME: process.env.HOME ?? '/tmp',
    };
    // The first process migrates the empty database and makes the demo account; the others join it.
    processes.push(await startServe(['--port', '0'], env));
    demo = processes[0]!.demo!;
    processes.push(...(await Promise.all([startServe(['--port', '0'], env), startServe(['--port', '0'], env)])));
    balancer = await startRoundRobin(() => processes.map((p) => p.port));
    receiver = await startReceiver();
    storage = openStorage(database.url);
    db = storage.db;
  });

  after(async () => {
    await Promise.all(processes.map(stopServe));
    await balancer?.close();
    await receiver?.close();
    await storage?.close();
    await cleanRedis?.();
    await dropDatabase?.();
  });

  test('a Console session made on one process works on every other, and the Connect flow crosses them', async () => {
    const developer = new PageClient(balancer.url);
    assert.equal((await developer.signUp(uniqueEmail('cluster-dev'))).status, 303);
    for (const { url } of processes) {
      const page = await new PageClient(url).request('/console/account', { headers: { cookie: [...developer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      assert.equal(page.status, 200, `the session is known at ${url}`);
    }
    await developer.get('/console/apps/new');
    const form = new FormData();
    const fields = {
      FriendlyName: 'Cluster App', CompanyName: 'Rossum', Description: 'Analytics', HomepageUrl: 'https://example.com/', TermsOfServiceUrl: '',
      AuthorizeRedirectUrl: 'https://example.com/authorize', DeauthorizeCallbackUrl: `${receiver.origin}/deauthorize`, DeauthorizeCallbackMethod: 'POST', Permissions: 'get-all',
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('Logo', new Blob([new Uint8Array(makePng())], { type: 'image/png' }), 'logo.png');
    const created = await developer.postMultipart('/console/apps', form);
    assert.equal(created.status, 303, 'the Connect App is created');
    const appSid = /(CN[0-9a-f]{32})/.exec(created.headers.get('location')!)![1]!;

    const customer = new PageClient(balancer.url);
    assert.equal((await customer.signUp(uniqueEmail('cluster-customer'))).status, 303);
    assert.equal((await customer.get(`/authorize/${appSid}?state=s1`)).status, 200);
    const authorized = await customer.post(`/authorize/${appSid}`, { decision: 'authorize', state: 's1' });
    assert.equal(authorized.status, 302);
    const connectSid = /AccountSid=(AC[0-9a-f]{32})/.exec(authorized.headers.get('location')!)![1]!;
    const developerToken = (await db.selectFrom('connect_apps as a').innerJoin('accounts as d', 'd.sid', 'a.account_sid').select('d.auth_token').where('a.sid', '=', appSid).executeTakeFirstOrThrow()).auth_token;
    for (let i = 0; i < processes.length; i++) {
      assert.equal((await twilioClient(balancer.url, connectSid, developerToken).api.v2010.accounts(connectSid).fetch()).sid, connectSid);
    }
    await customer.get('/console/authorized-apps');
    assert.equal((await customer.post(`/console/authorized-apps/${appSid}/revoke`, {})).status, 303);
    const [deauthorized] = await receiver.waitFor('/deauthorize', 1, 20_000);
    assert.equal(deauthorized!.form.AccountSid, connectSid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(receiver.received.filter((r) => r.path === '/deauthorize').length, 1, 'the deauthorize callback went out once');
  });

  test('the concurrency limit holds for the cluster: never more requests in flight than the limit, wherever they land', async () => {
    const as = { username: demo.account_sid, password: demo.auth_token };
    const fault = await control(balancer.url, as, 'POST', `/Accounts/${demo.account_sid}/Faults.json`, { Method: 'GET', Path: '*/IncomingPhoneNumbers.json', DelayMs: '3000', Times: '100' });
    assert.equal(fault.status, 201, JSON.stringify(fault.body));
    // Two at a time on each of the three processes: per process that is within the limit; for the cluster it is twice it.
    const statuses = await Promise.all(
      processes.flatMap(({ url }) => [0, 1].map(() => fetch(`${url}/2010-04-01/Accounts/${demo.account_sid}/IncomingPhoneNumbers.json`, { headers: { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } }).then((r) => r.status))),
    );
    assert.equal(statuses.filter((s) => s === 200).length, CONCURRENCY, `statuses: ${statuses}`);
    assert.equal(statuses.filter((s) => s === 429).length, 6 - CONCURRENCY, `statuses: ${statuses}`);
    assert.equal((await control(balancer.url, as, 'DELETE', `/Accounts/${demo.account_sid}/Faults/${fault.body.sid}.json`)).status, 204);
  });

  test('the log-in limiter holds for the cluster: the eleventh failure for one email is refused, wherever it lands', async () => {
    const email = uniqueEmail('guessed');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const client = new PageClient(processes[i % processes.length]!.url);
      await client.get('/console/login');
      statuses.push((await client.post('/console/login', { email, password: `wrong-${i}` })).status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
  });

  test('kill -9 of one process under write load loses no acknowledged write and no callback; only a callback cut off by the kill is sent again, with its idempotency token', async () => {
    const writer = await makeAccount(db, 'Writer');
    const from = '+13125550190';
    await giveNumber(db, writer.sid, from);
    const client = twilioClient(balancer.url, writer.sid, writer.auth_token);
    const acknowledged: string[] = [];
    let writing = true;
    const writeLoop = async () => {
      for (let i = 0; writing; i++) {
        try {
          const message = await client.messages.create({ to: '+12125550100', from, body: `load ${i}`, statusCallback: `${receiver.origin}/status` });
          acknowledged.push(message.sid);
        } catch {
          // Refused (429) or cut off with its process (502): not acknowledged, so not counted.
        }
      }
    };
    const loops = [writeLoop(), writeLoop()];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const victim = processes[1]!;
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => victim.child.once('exit', resolve));
    const killedAt = Date.now();
    const countAtKill = acknowledged.length;
    processes[1] = await startServe(['--port', String(victim.port)], env);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    writing = false;
    await Promise.all(loops);
    assert.ok(countAtKill > 0 && acknowledged.length > countAtKill, `writes before (${countAtKill}) and after (${acknowledged.length}) the kill`);

    const stored = new Set((await db.selectFrom('messages').select('sid').where('account_sid', '=', writer.sid).execute()).map((m) => m.sid));
    assert.deepEqual(acknowledged.filter((sid) => !stored.has(sid)), [], 'every acknowledged write is stored');

    // Every stored message settles, and its status callbacks arrive: each status once. A message the killed
    // process committed but never answered for is stored without being acknowledged; it is sent all the same.
    const deadline = Date.now() + 60_000;
    const finals = new Map<string, string>();
    while (finals.size < stored.size && Date.now() < deadline) {
      const rows = await db.selectFrom('messages').select(['sid', 'status']).where('account_sid', '=', writer.sid).execute();
      for (const row of rows) if (FINAL.has(row.status)) finals.set(row.sid, row.status);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(finals.size, stored.size, 'every message settled');
    const expected = [...finals].reduce((n, [, status]) => n + (status === 'failed' ? 1 : 2), 0);
    await receiver.waitFor('/status', expected, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Each status was produced once: one delivery, one idempotency token. A request that reached the receiver
    // while its sender was killed, before the sender recorded the answer, is sent again by another process
    // once the claim expires (at least once; nothing can know the receiver had it), with the same token.
    const copies = new Map<string, Received[]>();
    for (const r of receiver.received.filter((r) => r.path === '/status')) {
      const key = `${r.form.MessageSid} ${r.form.MessageStatus}`;
      copies.set(key, [...(copies.get(key) ?? []), r]);
    }
    const resent: string[] = [];
    for (const [sid, status] of finals) {
      for (const want of status === 'failed' ? ['failed'] : ['sent', status]) {
        const arrived = copies.get(`${sid} ${want}`) ?? [];
        assert.ok(arrived.length >= 1, `${sid} ${want} delivered`);
        const tokens = new Set(arrived.map((r) => r.headers['i-twilio-idempotency-token']));
        assert.equal(tokens.size, 1, `${sid} ${want} is one delivery (tokens ${[...tokens]})`);
        const [first, ...again] = arrived;
        if (again.length === 0) continue;
        resent.push(`${sid} ${want}`);
        assert.equal(again.length, 1, `${sid} ${want} is sent again at most once`);
        assert.ok(first!.at <= killedAt + 500, `${sid} ${want} was first sent ${first!.at - killedAt} ms after the kill, so no kill cut it off`);
        assert.ok(again[0]!.at - first!.at >= LEASE_MS - 1000, `${sid} ${want} was sent again after ${again[0]!.at - first!.at} ms, before its claim expired`);
      }
    }
    assert.ok(resent.length <= BATCH, `at most one round of claims was cut off by the kill; resent: ${resent}`);
    assert.equal([...copies.keys()].length, expected, 'no callback beyond those');
  });
});
