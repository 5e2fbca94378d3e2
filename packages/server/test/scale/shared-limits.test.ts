import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, mock, test } from 'node:test';
import type { RunningServer } from '../../src/server.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { control } from '../support/controls.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { PageClient } from '../support/page-client.ts';
import { freePort, redisPrefixForSuite, REDIS_URL, startOwnRedis } from '../support/redis.ts';
import { startTestServer } from '../support/server.ts';
import { uniqueEmail } from '../console/steps.ts';

const LIMIT = 2;

/** Holds each GET of the account's numbers for a while, so requests pile up in flight. */
async function holdRequests(server: RunningServer, account: Account): Promise<void> {
  const answer = await control(server.url, { username: account.sid, password: account.auth_token }, 'POST', `/Accounts/${account.sid}/Faults.json`, {
    Method: 'GET', Path: '*/IncomingPhoneNumbers.json', DelayMs: '4000', Times: '1000',
  });
  assert.equal(answer.status, 201);
}

/** The statuses of `LIMIT` requests sent at once to each server. */
const burst = (servers: RunningServer[], account: Account): Promise<number[]> =>
  Promise.all(
    servers.flatMap(({ url }) =>
      Array.from({ length: LIMIT }, () =>
        fetch(`${url}/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers.json`, { headers: { authorization: `Basic ${Buffer.from(`${account.sid}:${account.auth_token}`).toString('base64')}` } }).then((r) => r.status),
      ),
    ),
  );

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

/** Two processes on one fresh PostgreSQL database, with `env`; what they warn is kept. */
function twoProcesses(env: () => Record<string, string>) {
  const servers: RunningServer[] = [];
  const warnings: string[] = [];
  let drop: () => Promise<void>;
  let account: Account;
  before(async () => {
    mock.method(console, 'warn', (line: string) => warnings.push(String(line)));
    const database = await createPostgresDatabase();
    drop = database.drop;
    const options = { env: { SWITCHBOARD_API_CONCURRENCY: String(LIMIT), ...env() } };
    servers.push(await startTestServer(database.url, options));
    servers.push(await startTestServer(database.url, options));
    account = await makeAccount(servers[0]!.deps.db, 'Busy');
    await holdRequests(servers[0]!, account);
  });
  after(async () => {
    for (const server of servers) await server.close();
    await drop?.();
    mock.restoreAll();
  });
  return { servers, warnings, account: () => account };
}

describe('With Redis, the limits hold across processes', () => {
  let prefix = '';
  let clean: () => Promise<void>;
  before(async () => ({ prefix, clean } = await redisPrefixForSuite()));
  after(() => clean?.());
  const cluster = twoProcesses(() => ({ REDIS_URL, REDIS_PREFIX: prefix }));

  test('requests in flight for one account are counted for both processes together', async () => {
    const statuses = await burst(cluster.servers, cluster.account());
    assert.equal(count(statuses, 200), LIMIT, `statuses: ${statuses}`);
    assert.equal(count(statuses, 429), LIMIT, `statuses: ${statuses}`);
  });

  test('failed log-ins for one email are counted for both processes together', async () => {
    const email = uniqueEmail('shared');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const client = new PageClient(cluster.servers[i % 2]!.url);
      await client.get('/console/login');
      statuses.push((await client.post('/console/login', { email, password: 'wrong password' })).status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  });
});

describe('Without Redis, each process limits on its own', () => {
  const cluster = twoProcesses(() => ({}));

  test('each process admits the limit, so two admit twice it', async () => {
    const statuses = await burst(cluster.servers, cluster.account());
    assert.equal(count(statuses, 200), 2 * LIMIT, `statuses: ${statuses}`);
  });

  test('the second process on the same PostgreSQL warns that the limits are per process', () => {
    const peerWarnings = cluster.warnings.filter((w) => w.includes('another Switchboard process serves this PostgreSQL database'));
    assert.equal(peerWarnings.length, 1, cluster.warnings.join('\n'));
    assert.match(peerWarnings[0]!, /Set REDIS_URL/);
  });
});

describe('When Redis goes away mid-run', () => {
  let port = 0;
  let redis: ChildProcess;
  before(async () => {
    port = await freePort();
    redis = await startOwnRedis(port);
  });
  after(() => redis?.kill('SIGKILL'));
  const cluster = twoProcesses(() => ({ REDIS_URL: `redis://127.0.0.1:${port}` }));

  test('requests are still served with the limit per process, with one warning per process, and the shared limit returns with Redis', async () => {
    assert.equal(count(await burst(cluster.servers, cluster.account()), 429), LIMIT, 'shared while Redis runs');
    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
    const statuses = await burst(cluster.servers, cluster.account());
    assert.equal(count(statuses, 200), 2 * LIMIT, `per process while Redis is away: ${statuses}`);
    assert.equal(count(await burst(cluster.servers, cluster.account()), 200), 2 * LIMIT, 'still served');
    const away = cluster.warnings.filter((w) => w.includes('is unavailable'));
    assert.equal(away.length, 2, cluster.warnings.join('\n'));
    assert.match(away[0]!, /limits now hold per process until it returns/);

    redis = await startOwnRedis(port);
    const deadline = Date.now() + 20_000;
    while (cluster.warnings.filter((w) => w.includes('is back')).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(count(await burst(cluster.servers, cluster.account()), 429), LIMIT, 'shared again once Redis is back');
  });
});
