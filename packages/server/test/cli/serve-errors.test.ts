// `switchboard serve` refused by the machine or its arguments: one line on stderr, exit status 2, and
// nothing left running.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { POSTGRES_ADMIN_URL } from '../support/databases.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const { DATABASE_URL: _ignored, ...ENV } = process.env;
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-serve-errors-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `serve` (it must exit by itself) and returns its exit status and stderr's lines. */
const serve = (args: string[], env: Record<string, string> = {}): Promise<{ code: number; lines: string[] }> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, ['packages/server/bin/switchboard.js', 'serve', ...args], { cwd: ROOT, env: { ...ENV, ...env }, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, lines: stderr.split('\n').filter((line) => line !== '') });
    });
  });

const refusedWith = (run: { code: number; lines: string[] }, pattern: RegExp) => {
  assert.equal(run.lines.length, 1, `exactly one line on stderr, got: ${JSON.stringify(run.lines)}`);
  assert.match(run.lines[0]!, pattern);
  assert.equal(run.code, 2);
};

test('a port already in use', async () => {
  const taken = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => taken.once('listening', resolve));
  try {
    const { port } = taken.address() as AddressInfo;
    refusedWith(await serve(['--port', String(port), '--db', join(scratch, 'busy.sqlite')]), new RegExp(`^switchboard: port ${port} on 127\\.0\\.0\\.1 is in use; .*--port`));
  } finally {
    taken.close();
  }
});

test('a data folder that cannot be created, because a file is in the way', async () => {
  writeFileSync(join(scratch, 'a-file'), 'not a folder');
  refusedWith(await serve(['--port', '0', '--db', join(scratch, 'a-file', 'switchboard.sqlite')]), /^switchboard: cannot use the SQLite file .*a-file\/switchboard\.sqlite: EEXIST: .*; choose another with --db/);
});

test('a file that is not a database', async () => {
  writeFileSync(join(scratch, 'notes.sqlite'), 'these are notes, not a database '.repeat(200));
  refusedWith(await serve(['--port', '0', '--db', join(scratch, 'notes.sqlite')]), /^switchboard: cannot use the SQLite file .*notes\.sqlite: file is not a database; choose another with --db/);
});

test('a DATABASE_URL of a kind Switchboard does not speak', async () => {
  refusedWith(await serve(['--port', '0'], { DATABASE_URL: 'mysql://root@127.0.0.1/switchboard' }), /^switchboard: Unsupported database 'mysql:\/\/…': use postgres:\/\/…/);
});

test('a DATABASE_URL where no PostgreSQL answers, with its password kept out of the message', async () => {
  refusedWith(await serve(['--port', '0'], { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/switchboard' }), /^switchboard: cannot use the PostgreSQL database at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/switchboard: .*ECONNREFUSED/);
});

test('a DATABASE_URL naming a database that does not exist', async () => {
  const missing = new URL(POSTGRES_ADMIN_URL);
  missing.pathname = '/switchboard_no_such_database';
  refusedWith(await serve(['--port', '0'], { DATABASE_URL: missing.toString() }), /^switchboard: cannot use the PostgreSQL database at .*switchboard_no_such_database: database "switchboard_no_such_database" does not exist; check DATABASE_URL or --db/);
});
