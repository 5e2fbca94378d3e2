import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

/** The real CLI, run from an empty folder so that anything it creates shows. */
const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));
const { DATABASE_URL: _db, PORT: _port, ...ENV } = process.env;

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  stderr: string;
}

const cli = (args: string[], env: Record<string, string> = {}, cwd = scratch): Promise<Run> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, ...env }, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stderr });
    });
  });

/** Exit status 2 and exactly one line on stderr, which names the setting. */
function assertOneLineNaming(run: Run, setting: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `one line, got: ${run.stderr}`);
  assert.match(lines[0]!, setting);
}

test('an unknown DATABASE_URL scheme stops serve and migrate with one line, and creates no file', async () => {
  const folder = mkdtempSync(join(scratch, 'mysql-'));
  for (const command of ['serve', 'migrate']) {
    const run = await cli([command], { DATABASE_URL: 'mysql://root:secret@127.0.0.1/app' }, folder);
    assertOneLineNaming(run, /DATABASE_URL.*'mysql:'/);
    assert.doesNotMatch(run.stderr, /secret/, 'the password is not printed');
  }
  assert.deepEqual(readdirSync(folder), []);
});

test('an unreachable PostgreSQL stops serve with one line naming DATABASE_URL', async () => {
  const run = await cli(['serve', '--port', '0'], { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/none' });
  assertOneLineNaming(run, /cannot reach PostgreSQL.*DATABASE_URL/);
  assert.doesNotMatch(run.stderr, /secret/);
});

test('a data folder that cannot be created stops serve with one line naming DATABASE_URL', async () => {
  const blocker = join(scratch, 'not-a-folder');
  writeFileSync(blocker, 'a file where the data folder should be');
  const run = await cli(['serve', '--port', '0', '--db', join(blocker, 'switchboard.sqlite')]);
  assertOneLineNaming(run, /cannot create or write the SQLite file.*DATABASE_URL/);
});

test('a port in use stops serve with one line naming PORT', async () => {
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as { port: number };
  try {
    const run = await cli(['serve', '--port', String(port), '--db', join(scratch, 'port.sqlite')]);
    assertOneLineNaming(run, new RegExp(`port ${port} .*in use.*PORT`));
  } finally {
    taken.close();
  }
});

test('a port that is not a number is one line naming PORT, exit 2', async () => {
  assertOneLineNaming(await cli(['serve', '--port', 'eighty']), /PORT \(or --port\) 'eighty'/);
});
