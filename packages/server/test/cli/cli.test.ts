import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { openStorage } from '../../src/storage/database.ts';
import { onEachDatabase } from '../support/databases.ts';
import { PageClient } from '../support/page-client.ts';
import { assertMatchesSpec } from '../support/spec-validator.ts';

/** The real CLI, as a user runs it from the repository root. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = 'packages/server/bin/switchboard.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI's environment: no database from the caller's shell, so only `--db` chooses one. */
const { DATABASE_URL: _ignored, ...ENV } = process.env;

const cli = (...args: string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });

/** Runs a command that must succeed and returns its JSON output. */
async function json<T = Record<string, any>>(...args: string[]): Promise<T> {
  const run = await cli(...args, '--json');
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
}

const oneLine = (text: string) => {
  const lines = text.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `exactly one line, got: ${JSON.stringify(text)}`);
  return lines[0]!;
};

const SID = { AC: /^AC[0-9a-f]{32}$/, CN: /^CN[0-9a-f]{32}$/ };

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
// serve's local CA (made in ./data for PostgreSQL) goes to the scratch folder, not the checkout.
ENV.SWITCHBOARD_CA_DIR = join(scratch, 'ca');

// Every command and verb the CLI lists must answer --help.
const topHelp = await cli('--help');
const COMMANDS = [...topHelp.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]!);

test('--help lists the commands and exits 0', () => {
  assert.equal(topHelp.code, 0);
  assert.match(topHelp.stdout, /^Usage: switchboard <command>/);
  for (const command of ['serve', 'migrate', 'accounts', 'apps', 'connect']) assert.ok(COMMANDS.includes(command), `${command} is listed`);
});

for (const command of COMMANDS) {
  test(`'${command} --help' prints its usage and exits 0`, async (t) => {
    const help = await cli(command, '--help');
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, new RegExp(`^Usage: switchboard ${command}\\b`));
    const verbs = /^Usage: switchboard \S+ <([^>]+)>/.exec(help.stdout)?.[1]?.split('|') ?? [];
    for (const verb of verbs) {
      await t.test(`'${command} ${verb} --help'`, async () => {
        const verbHelp = await cli(command, verb, '--help');
        assert.equal(verbHelp.code, 0, verbHelp.stderr);
        assert.match(verbHelp.stdout, new RegExp(`^Usage: switchboard ${command} ${verb}\\b`));
        assert.equal(verbHelp.stderr, '');
      });
    }
  });
}

const AC = `AC${'a'.repeat(32)}`;
const CN = `CN${'b'.repeat(32)}`;
const APP = ['--account', AC, '--name', 'App', '--company', 'Co', '--authorize-url', 'https://app.example.com/authorize'];

const BAD_ARGUMENTS: Array<[string, string[]]> = [
  ['an unknown flag', ['accounts', 'create', '--name', 'X', '--colour', 'red']],
  ['a stray argument', ['accounts', 'list', 'everything']],
  ['a missing --name', ['accounts', 'create']],
  ['a missing --company', ['apps', 'create', '--account', AC, '--name', 'App', '--authorize-url', 'https://app.example.com/authorize']],
  ['a missing --app', ['connect', 'authorize', '--account', AC]],
  ['a malformed --app SID', ['connect', 'authorize', '--app', 'CN123', '--account', AC]],
  ['an --account that is a Connect App SID', ['connect', 'revoke', '--app', CN, '--account', CN]],
  ['a malformed --account SID', ['apps', 'list', '--account', 'AC-not-a-sid']],
  ['a bad --type', ['accounts', 'create', '--name', 'X', '--type', 'Premium']],
  ['a name over 64 characters', ['accounts', 'create', '--name', 'n'.repeat(65)]],
  ['a bad --permissions', [...APP, '--permissions', 'read-all']],
  ['a bad --deauthorize-method', [...APP, '--deauthorize-method', 'PUT']],
  ['an --authorize-url that is not a URL', ['apps', 'create', '--account', AC, '--name', 'App', '--company', 'Co', '--authorize-url', 'somewhere']],
  ['a --port that is not a port', ['serve', '--port', 'eighty']],
  ['--ephemeral with a --db', ['serve', '--ephemeral']],
  ['an unknown verb', ['accounts', 'delete']],
  ['a bad --status', ['accounts', 'update', AC, '--status', 'gone']],
  ['an account update without the SID', ['accounts', 'update', '--status', 'active']],
  ['an unknown command', ['launch']],
];

for (const [index, [bad, args]] of BAD_ARGUMENTS.entries()) {
  test(`${bad} prints one line on stderr, exits 2 and touches no database`, async () => {
    const db = join(scratch, `untouched-${index}.sqlite`);
    const run = await cli(...args, '--db', db);
    assert.equal(run.code, 2, run.stderr);
    assert.match(oneLine(run.stderr), /^switchboard: /);
    assert.equal(run.stdout, '');
    assert.equal(existsSync(db), false, 'no database file was created');
  });
}

test('a database that cannot be reached is a setting to change: one line on stderr naming it, and exit 2', async () => {
  const run = await cli('accounts', 'list', '--db', 'postgres://postgres@127.0.0.1:1/unreachable');
  assert.equal(run.code, 2);
  assert.match(oneLine(run.stderr), /^switchboard: .*DATABASE_URL/);
});

test('serve --ephemeral --port 0 --json prints the URL and a working demo account on its first line and writes nothing to disk', async () => {
  const cwd = mkdtempSync(join(scratch, 'ephemeral-'));
  const child = spawn(process.execPath, [join(ROOT, BIN), 'serve', '--ephemeral', '--port', '0', '--json'], { cwd, env: ENV });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stdout = '';
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
      });
      void exited.then(() => reject(new Error(`serve exited early:\n${stdout}`)));
    });
    const { url, demo } = JSON.parse(firstLine) as { url: string; demo: { account_sid: string; auth_token: string; email: string; password: string } };
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(demo.account_sid, /^AC[0-9a-f]{32}$/);
    const response = await fetch(`${url}/2010-04-01/Accounts/${demo.account_sid}.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${demo.account_sid}:${demo.auth_token}`).toString('base64')}` },
    });
    assert.equal(response.status, 200);
    const browser = new PageClient(url);
    await browser.get('/console/login');
    const login = await browser.post('/console/login', { email: demo.email, password: demo.password });
    assert.equal(login.status, 303, 'the demo login signs in to the Console');

    child.kill('SIGTERM');
    assert.deepEqual(await exited, { code: 0, signal: null });
    assert.equal(stdout.trim().split('\n').length, 1, 'nothing follows the JSON line');
    assert.deepEqual(readdirSync(cwd), [], 'nothing was written to disk');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

onEachDatabase('The CLI against a database', (database) => {
  /** SQLite gets a file here: an in-memory database would not outlive one CLI run. */
  let url: string;
  before(() => {
    url = database.name === 'SQLite' ? join(mkdtempSync(join(scratch, 'db-')), 'switchboard.sqlite') : database.url;
  });

  /** Reads the database as the CLI left it. */
  async function inspect<T>(read: (db: ReturnType<typeof openStorage>['db']) => Promise<T>): Promise<T> {
    const storage = openStorage(url);
    try {
      return await read(storage.db);
    } finally {
      await storage.close();
    }
  }

  test('serve prints its URL and a demo account whose Console login and API credentials work, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', url], { cwd: ROOT, env: ENV });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let stdout = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('Press Ctrl-C')) resolve();
        });
        void exited.then(() => reject(new Error(`serve exited early:\n${stdout}`)));
      });
      const base = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const sid = /Account SID: +(AC[0-9a-f]{32})/.exec(stdout)?.[1];
      const token = /Auth Token: +([0-9a-f]{32})/.exec(stdout)?.[1];
      const [, email, password] = /Console login: (\S+) \/ (\S+)/.exec(stdout) ?? [];
      assert.ok(base && sid && token && email && password, `URL and credentials in:\n${stdout}`);

      const browser = new PageClient(base);
      await browser.get('/console/login');
      const login = await browser.post('/console/login', { email, password });
      assert.equal(login.status, 303, 'the printed Console login signs in');
      const account = await browser.get('/console/account');
      assert.equal(account.status, 200);
      assert.ok(account.html.includes(sid), 'the Console shows the demo account');

      const response = await fetch(`${base}/2010-04-01/Accounts.json`, {
        headers: { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` },
      });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { accounts: Array<{ sid: string; friendly_name: string }> };
      assertMatchesSpec('GET', '/2010-04-01/Accounts.json', 200, body);
      assert.deepEqual(body.accounts.map((a) => a.sid), [sid]);

      child.kill('SIGINT');
      assert.deepEqual(await exited, { code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  let developer: { sid: string; auth_token: string };
  let customer: { sid: string };
  let app: { sid: string };

  test('accounts create prints the new account, as JSON with --json and as labelled lines without', async () => {
    developer = await json('accounts', 'create', '--name', 'Developer', '--db', url);
    assert.match(developer.sid, SID.AC);
    assert.match(developer.auth_token, /^[0-9a-f]{32}$/);
    assert.deepEqual(developer, { sid: developer.sid, auth_token: developer.auth_token, friendly_name: 'Developer', type: 'Full' });

    const plain = await cli('accounts', 'create', '--name', 'Customer', '--db', url);
    assert.equal(plain.code, 0, plain.stderr);
    const sid = /^sid: +(AC[0-9a-f]{32})$/m.exec(plain.stdout)?.[1];
    assert.ok(sid, plain.stdout);
    customer = { sid };
  });

  test('accounts list --json shows every top-level account with its token, type and status', async () => {
    const trial = await json('accounts', 'create', '--name', 'Trial user', '--type', 'Trial', '--db', url);
    const listed = await json<Array<Record<string, string>>>('accounts', 'list', '--db', url);
    const bySid = new Map(listed.map((a) => [a.sid, a]));
    assert.deepEqual(bySid.get(developer.sid), { sid: developer.sid, auth_token: developer.auth_token, type: 'Full', status: 'active', friendly_name: 'Developer' });
    assert.equal(bySid.get(customer.sid)?.friendly_name, 'Customer');
    assert.equal(bySid.get(trial.sid)?.type, 'Trial');
  });

  test("apps create makes a Connect App in a Full account, and apps list --json shows the account's apps", async () => {
    app = await json(
      'apps', 'create', '--account', developer.sid, '--name', 'Call Analytics', '--company', 'Rossum',
      '--authorize-url', 'https://app.example.com/authorize', '--permissions', 'get-all,post-all', '--db', url,
    );
    assert.match(app.sid, SID.CN);
    assert.deepEqual(app, {
      sid: app.sid,
      account_sid: developer.sid,
      friendly_name: 'Call Analytics',
      company_name: 'Rossum',
      authorize_url: 'https://app.example.com/authorize',
      deauthorize_url: null,
      deauthorize_method: 'POST',
      permissions: ['get-all', 'post-all'],
    });
    assert.deepEqual(await json('apps', 'list', '--account', developer.sid, '--db', url), [app]);
    assert.deepEqual(await json('apps', 'list', '--account', customer.sid, '--db', url), []);
  });

  test('apps create refuses a Trial account with exit 1 and one line on stderr', async () => {
    const trial = await json('accounts', 'create', '--name', 'Trial developer', '--type', 'Trial', '--db', url);
    const run = await cli('apps', 'create', '--account', trial.sid, '--name', 'X', '--company', 'Y', '--authorize-url', 'https://x.example.com', '--db', url);
    assert.equal(run.code, 1);
    assert.match(oneLine(run.stderr), /Full/);
    assert.deepEqual(await json('apps', 'list', '--account', trial.sid, '--db', url), []);
  });

  test('connect authorize prints the Connect subaccount SID, and the same SID when run again', async () => {
    const first = await json('connect', 'authorize', '--app', app.sid, '--account', customer.sid, '--db', url);
    assert.match(first.account_sid, SID.AC);
    assert.deepEqual(first, { account_sid: first.account_sid, connect_app_sid: app.sid, user_account_sid: customer.sid, permissions: ['get-all', 'post-all'] });

    const again = await cli('connect', 'authorize', '--app', app.sid, '--account', customer.sid, '--db', url);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(/^account_sid: +(AC[0-9a-f]{32})$/m.exec(again.stdout)?.[1], first.account_sid);

    const subaccount = await inspect((db) => db.selectFrom('accounts').selectAll().where('sid', '=', first.account_sid).executeTakeFirst());
    assert.deepEqual([subaccount?.parent_sid, subaccount?.friendly_name], [customer.sid, 'Subaccount for ConnectApp: Call Analytics']);
  });

  test('connect revoke ends the grant and keeps the subaccount; revoking again exits 1', async () => {
    const revoked = await json('connect', 'revoke', '--app', app.sid, '--account', customer.sid, '--db', url);
    assert.equal(revoked.status, 'revoked');
    const grant = await inspect((db) => db.selectFrom('connect_grants').selectAll().where('connect_app_sid', '=', app.sid).executeTakeFirstOrThrow());
    assert.deepEqual([grant.status, grant.subaccount_sid], ['revoked', revoked.account_sid]);
    assert.ok(await inspect((db) => db.selectFrom('accounts').select('sid').where('sid', '=', revoked.account_sid).executeTakeFirst()));

    const again = await cli('connect', 'revoke', '--app', app.sid, '--account', customer.sid, '--db', url);
    assert.equal(again.code, 1);
    assert.match(oneLine(again.stderr), /^switchboard: .*not authorized/);
  });

  test('accounts update suspends and closes an account, closing ends its grants, and closed is final', async () => {
    const suspended = await json('accounts', 'update', customer.sid, '--status', 'suspended', '--db', url);
    assert.equal(suspended.status, 'suspended');
    const grant = await json('connect', 'authorize', '--app', app.sid, '--account', customer.sid, '--db', url).catch((e: Error) => e);
    assert.ok(grant instanceof Error, 'a suspended account authorizes nothing');

    await json('accounts', 'update', customer.sid, '--status', 'active', '--db', url);
    const { account_sid: connectSid } = await json('connect', 'authorize', '--app', app.sid, '--account', customer.sid, '--db', url);
    const closed = await json('accounts', 'update', customer.sid, '--status', 'closed', '--db', url);
    assert.equal(closed.status, 'closed');
    const after = await inspect(async (db) => ({
      grant: (await db.selectFrom('connect_grants').select('status').where('connect_app_sid', '=', app.sid).executeTakeFirstOrThrow()).status,
      subaccount: (await db.selectFrom('accounts').select('status').where('sid', '=', connectSid).executeTakeFirstOrThrow()).status,
      events: (await db.selectFrom('webhook_events').select('payload').where('connect_app_sid', '=', app.sid).execute()).map((e) => JSON.parse(e.payload).AccountSid),
    }));
    // Two deauthorizations of the same subaccount: the earlier revoke, and this close.
    assert.deepEqual(after, { grant: 'revoked', subaccount: 'closed', events: [connectSid, connectSid] });

    const reopen = await cli('accounts', 'update', customer.sid, '--status', 'active', '--db', url);
    assert.equal(reopen.code, 1);
    assert.match(oneLine(reopen.stderr), /^switchboard: .*closed/);
  });
});
