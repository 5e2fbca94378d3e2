import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { onEachDatabase } from '../support/databases.ts';
import { run } from '../support/proxy.ts';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-env-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The CLI with no database, CA folder or proxy from the caller's shell, run in `cwd`. */
const { DATABASE_URL: _db, SWITCHBOARD_CA_DIR: _ca, PORT: _port, ...ENV } = process.env;
const cli = (cwd: string, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: ENV }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });

const BAD: Array<[string, string[]]> = [
  ['a --port that is not a port', ['--port', 'eighty']],
  ['--port 0', ['--port', '0']],
  ['a malformed --account', ['--account', 'AC123']],
  ['an --account not in the database', ['--account', `AC${'0'.repeat(32)}`]],
  ['a stray argument', ['now']],
];

for (const [bad, args] of BAD) {
  test(`env with ${bad} prints one line on stderr and exits 2`, async () => {
    const dir = mkdtempSync(join(scratch, 'bad-'));
    const result = await cli(dir, 'env', '--db', join(dir, 'sb.sqlite'), ...args);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^switchboard: /);
    assert.equal(result.stdout, '');
  });
}

test('env before any serve makes the CA, prints export lines for the given port, and never the key', async () => {
  const dir = mkdtempSync(join(scratch, 'first-'));
  const result = await cli(dir, 'env', '--port', '9123', '--db', join(dir, 'sb.sqlite'));
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^export HTTPS_PROXY='http:\/\/127\.0\.0\.1:9123'$/m);
  assert.match(result.stdout, new RegExp(`^export NODE_EXTRA_CA_CERTS='${join(dir, 'ca', 'switchboard-ca.pem')}'$`, 'm'));
  assert.doesNotMatch(result.stdout, /TWILIO_ACCOUNT_SID|PRIVATE KEY/);
  assert.equal(statSync(join(dir, 'ca', 'switchboard-ca-key.pem')).mode & 0o777, 0o600);
  assert.ok(!readFileSync(join(dir, 'ca', 'switchboard-ca.pem'), 'utf8').includes('PRIVATE KEY'));
});

onEachDatabase('serve and eval "$(switchboard env)"', (database) => {
  let cwd: string;
  let db: string;
  before(() => {
    cwd = mkdtempSync(join(scratch, 'serve-'));
    db = database.name === 'SQLite' ? join(cwd, 'state', 'sb.sqlite') : database.url;
  });

  test('curl reaches the demo account at https://api.twilio.com with the printed lines alone; Ctrl-C still stops serve', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { cwd, env: ENV });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stdout = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('Press Ctrl-C')) resolve();
        });
        void exited.then(() => reject(new Error(`serve exited early:\n${stdout}`)));
      });
      assert.match(stdout, /eval "\$\(npx switchboard env\)"/);
      assert.doesNotMatch(stdout, /PRIVATE KEY/);
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)![1]!;
      const sid = /Account SID: +(AC[0-9a-f]{32})/.exec(stdout)![1]!;
      const caDir = database.name === 'SQLite' ? join(cwd, 'state', 'ca') : join(cwd, 'data', 'ca');
      assert.ok(existsSync(join(caDir, 'switchboard-ca-key.pem')), `serve made the CA in ${caDir}`);

      const script = `eval "$('${process.execPath}' '${BIN}' env --port ${port} --db '${db}' --account ${sid})" && curl -sS --fail-with-body -u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN" "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID.json"`;
      const result = await run('/bin/sh', ['-c', script], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd }, cwd);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).sid, sid);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });
});
