// Switchboard as a user gets it: both workspaces packed, the tarballs installed into an empty folder, and
// `npx switchboard serve` run there (Node 20 and 24, SQLite and PostgreSQL), driven with twilio-node and
// through a Console page. Nothing from the repository is on the server's path.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { switchboardClient } from '@switchboard/connect/twilio';
import { node24 } from '../../../../scripts/node24.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { PageClient } from '../support/page-client.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-packed-'));
const project = join(scratch, 'app');
mkdirSync(project);
after(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * better-sqlite3 downloads a prebuilt binary on install, and compiles itself (minutes) when it cannot;
 * its download host is unreachable here. prebuild-install's documented `<package>_local_prebuilds`
 * setting points it at the binary this repository's own install built from the same sources instead.
 */
function localSqlitePrebuild(): string {
  const sqliteDir = join(ROOT, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')) as { version: string };
  const prebuilds = join(scratch, 'prebuilds');
  mkdirSync(prebuilds);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(prebuilds, name), '-C', sqliteDir, 'build/Release/better_sqlite3.node']);
  return `better_sqlite3_local_prebuilds=${prebuilds}\n`;
}

// `npm test` built dist/ first; packing without scripts keeps this file from rebuilding it under other tests.
const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--workspace', 'packages/server', '--workspace', 'packages/connect', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
// npm 11 runs a dependency's install script only when the project allows it; better-sqlite3 needs its own.
writeFileSync(join(project, '.npmrc'), `allow-scripts=better-sqlite3\n${localSqlitePrebuild()}`);
const installStarted = Date.now();
execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packed.map((p) => join(scratch, p.filename))], {
  cwd: project,
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`# installed the tarballs in ${((Date.now() - installStarted) / 1000).toFixed(1)} s`);

test('the install holds no TypeScript compiler or loader', () => {
  for (const tool of ['typescript', 'tsx', 'esbuild', 'ts-node']) assert.equal(existsSync(join(project, 'node_modules', tool)), false, `${tool} is installed`);
});

test('the installed server package ships no TypeScript sources', () => {
  const listing = execFileSync('find', ['node_modules/switchboard', '-name', '*.ts', '-not', '-name', '*.d.ts'], { cwd: project, encoding: 'utf8' });
  assert.equal(listing, '');
});

/** The processes started, directly or not, by `pid`. */
function descendants(pid: number): number[] {
  let children: string;
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return children.split('\n').filter((line) => line.trim() !== '').map(Number).flatMap((child) => [child, ...descendants(child)]);
}

interface Served {
  child: ChildProcess;
  /** What the server printed so far, on stdout and stderr. */
  output(): string;
  db: string;
  /** The environment it runs in (the Node asked for first on PATH). */
  env: NodeJS.ProcessEnv;
  url: string;
  sid: string;
  token: string;
  login: { email: string; password: string };
}

/** `npx switchboard serve` in the project, with the given Node first on PATH; resolves with the demo account it prints. */
function serve(node: string, db: string): Promise<Served> {
  const env = { PATH: `${dirname(node)}:${process.env.PATH}`, HOME: process.env.HOME ?? scratch };
  const child = spawn('npx', ['switchboard', 'serve', '--port', '0', '--db', db], {
    cwd: project,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const login = /Console login: (\S+) \/ (\S+)/.exec(out);
      const sid = /Account SID:\s+(AC\w{32})/.exec(out)?.[1];
      const token = /Auth Token:\s+(\w{32})/.exec(out)?.[1];
      if (url && login && sid && token) resolve({ child, output: () => out, db, env, url, sid, token, login: { email: login[1]!, password: login[2]! } });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`npx switchboard serve exited with ${code}:\n${out}`)));
  });
}

const RUNS = [
  { node: '20', database: 'SQLite' },
  { node: '20', database: 'PostgreSQL' },
  { node: '24', database: 'PostgreSQL' },
] as const;

for (const run of RUNS) {
  describe(`npx switchboard serve from the installed tarballs, on Node ${run.node} and ${run.database}`, () => {
    let served: Served;
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      let db = join(project, 'data', `node${run.node}.sqlite`);
      if (run.database === 'PostgreSQL') ({ url: db, drop } = await createPostgresDatabase());
      served = await serve(run.node === '20' ? process.execPath : node24(), db);
    });
    after(async () => {
      if (served?.child.exitCode === null) {
        // npx does not pass SIGTERM on to the server it started: stop the server, and npx ends with it.
        const exited = new Promise((resolve) => served.child.once('exit', resolve));
        for (const pid of descendants(served.child.pid!)) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            // already gone with its parent
          }
        }
        await exited;
      }
      await drop?.();
    });

    test(`the server process is Node ${run.node} running the installed package`, () => {
      const binary = realpathSync(run.node === '20' ? process.execPath : node24());
      const isNode = (pid: number) => /\/node$/.test(readlinkSync(`/proc/${pid}/exe`));
      const server = descendants(served.child.pid!).find((pid) => isNode(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('bin/switchboard'));
      assert.ok(server, 'npx started a switchboard process');
      assert.equal(readlinkSync(`/proc/${server}/exe`), binary);
      assert.match(readFileSync(`/proc/${server}/cmdline`, 'utf8'), new RegExp(`${project.replace(/[/.]/g, '\\$&')}/node_modules/`));
    });

    test('twilio-node reads and creates through the API', async () => {
      const client = switchboardClient(served.sid, served.token, { baseUrl: served.url });
      const account = await client.api.v2010.accounts(served.sid).fetch();
      assert.equal(account.sid, served.sid);
      const sub = await client.api.v2010.accounts.create({ friendlyName: 'Packed install' });
      assert.equal(sub.ownerAccountSid, served.sid);
      const listed = await client.api.v2010.accounts.list({ friendlyName: 'Packed install' });
      assert.deepEqual(listed.map((a) => a.sid), [sub.sid]);
    });

    test(`twilio-node pages through the calls 'npx switchboard seed' wrote, each once${run.database === 'SQLite' ? ', read in a worker thread' : ''}`, async () => {
      execFileSync('npx', ['switchboard', 'seed', '--account', served.sid, '--calls', '120', '--db', served.db], { cwd: project, env: served.env, stdio: 'ignore' });
      const client = switchboardClient(served.sid, served.token, { baseUrl: served.url });
      const calls = await client.api.v2010.accounts(served.sid).calls.list({ pageSize: 50 });
      assert.equal(new Set(calls.map((c) => c.sid)).size, 120);
      // A worker thread that could not start, or failed a page, says so: its pages are then read on the main thread.
      assert.doesNotMatch(served.output(), /page reader/);
    });

    test('the Console logs the demo account in and shows its page, with its stylesheet', async () => {
      const page = new PageClient(served.url);
      const login = await page.get('/console/login');
      assert.equal(login.status, 200);
      const signedIn = await page.post('/console/login', served.login);
      assert.equal(signedIn.status, 303, signedIn.html);
      const account = await page.get('/console/account');
      assert.equal(account.status, 200);
      assert.ok(account.html.includes(served.sid), 'the account page shows the Account SID');
      const css = await page.get('/assets/console.css');
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    });
  });
}
