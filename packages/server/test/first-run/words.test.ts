import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import type { ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { PageClient, pageText } from '../support/page-client.ts';
import { serveForSuite } from '../support/server.ts';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));
const { DATABASE_URL: _db, ...ENV } = process.env;

const cli = (...args: string[]): Promise<{ code: number; stderr: string }> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { env: ENV, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stderr });
    });
  });

test('seed --calls -5 says what --calls takes, not that it is ambiguous', async () => {
  const run = await cli('seed', '--account', 'AC' + '0'.repeat(32), '--calls', '-5', '--db', ':memory:');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--calls must be a whole number from 0 to/);
  assert.doesNotMatch(run.stderr, /ambiguous/);
});

test('a message that ends in a full stop is not given a second one', async () => {
  const run = await cli('apps', 'create', '--account', 'AC' + '0'.repeat(32), '--name', 'X', '--company', 'Y', '--authorize-url', 'nope', '--db', ':memory:');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /URL\. Run 'switchboard apps --help'\./);
  assert.doesNotMatch(run.stderr, /\.\./);
});

onEachDatabase('Words a newcomer reads', (database) => {
  const server = serveForSuite(database);
  let developer: Account;
  let user: Account;
  let app: ConnectApp;
  let connectSid: string;

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'User');
    app = await makeApp(db, developer, ['get-all', 'post-all'], 'Rossum <Insights>');
    connectSid = await authorize(db, app, user);
  });

  const asConnect = (method: string, path: string, body?: string) =>
    fetch(`${server.current.url}/2010-04-01${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${connectSid}:${developer.auth_token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }).then(async (r) => ({ status: r.status, ...((await r.json()) as { code: number; message: string }) }));

  test('20006 for what no grant allows says Connect Apps can never do it, not to authorize again', async () => {
    for (const [method, path] of [['POST', '/Accounts.json'], ['POST', `/Accounts/${connectSid}.json`], ['POST', `/Accounts/${connectSid}/ConnectApps/${app.sid}.json`]] as const) {
      const error = await asConnect(method, path, 'FriendlyName=x');
      assert.deepEqual([error.status, error.code], [403, 20006], path);
      assert.match(error.message, /Connect Apps can never/);
      assert.doesNotMatch(error.message, /authorize the app again/);
    }
  });

  test('the log-in and sign-up pages reached from a Connect button name the app asking', async () => {
    const client = new PageClient(server.current.url);
    const next = encodeURIComponent(`/authorize/${app.sid}?state=abc`);
    for (const page of ['login', 'signup']) {
      const { status, html } = await client.get(`/console/${page}?next=${next}`);
      assert.equal(status, 200);
      assert.match(pageText(html), /Rossum <Insights> is asking to connect to your Switchboard account/);
      assert.match(html, /Rossum &lt;Insights&gt;/, 'the name is escaped');
    }
    assert.doesNotMatch(pageText((await client.get('/console/login')).html), /asking to connect/);
  });

  test('/favicon.ico is an icon, and every page links one', async () => {
    const icon = await fetch(`${server.current.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.match(await icon.text(), /^<svg /);
    assert.match((await new PageClient(server.current.url).get('/console/login')).html, /<link rel="icon" type="image\/svg\+xml" href="\/assets\/favicon.svg"/);
  });

  test('a refused sign-up shows the password error once, in place of the hint', async () => {
    const client = new PageClient(server.current.url);
    await client.get('/console/signup');
    const { status, html } = await client.post('/console/signup', { email: 'a@example.com', password: 'short', accountName: 'A', type: 'Full' });
    assert.equal(status, 400);
    const text = pageText(html);
    assert.equal(text.match(/at least 8 characters/gi)?.length, 1, text);
  });
});
