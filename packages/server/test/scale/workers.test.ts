import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServe, stopServe } from '../support/cluster.ts';
import { twilioClient } from '../support/twilio-client.ts';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'switchboard-workers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The worker processes of a primary, by pid, read from /proc. */
const childrenOf = (pid: number): Promise<number[]> =>
  new Promise((resolve, reject) =>
    execFile('pgrep', ['-P', String(pid)], (error, stdout) => (error && error.code !== 1 ? reject(error) : resolve(stdout.split('\n').filter(Boolean).map(Number)))),
  );

const until = async (check: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Waited 30 s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

test('serve --workers 2 serves the API from two processes, replaces one killed with -9, and stops them all on SIGTERM', async () => {
  const cluster = await startServe(['--workers', '2', '--port', '0', '--db', join(dir, 'cluster.sqlite')], { HOME: dir });
  try {
    const primary = cluster.child.pid!;
    const workers = await childrenOf(primary);
    assert.equal(workers.length, 2);
    const client = twilioClient(cluster.url, cluster.demo!.account_sid, cluster.demo!.auth_token);
    for (let i = 0; i < 4; i++) assert.equal((await client.api.v2010.accounts(cluster.demo!.account_sid).fetch()).status, 'active');

    process.kill(workers[0]!, 'SIGKILL');
    await until(async () => (await childrenOf(primary)).filter((pid) => pid !== workers[0]).length === 2, 'a replacement worker');
    assert.match(cluster.stderr(), new RegExp(`Worker ${workers[0]} stopped \\(SIGKILL\\); starting another`));
    for (let i = 0; i < 4; i++) assert.equal((await client.api.v2010.accounts(cluster.demo!.account_sid).fetch()).status, 'active');

    const replaced = await childrenOf(primary);
    await stopServe(cluster);
    assert.equal(cluster.child.exitCode, 0);
    for (const pid of replaced) assert.throws(() => process.kill(pid, 0), /ESRCH/, `worker ${pid} stopped with the primary`);
  } finally {
    await stopServe(cluster);
  }
});

test('--workers takes a whole number, and not with --ephemeral', async () => {
  for (const args of [['--workers', '0'], ['--workers', 'two'], ['--workers', '2', '--ephemeral']]) {
    const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: { PATH: process.env.PATH, HOME: dir } }, (error, _out, stderr) => resolve({ code: (error?.code as number) ?? 0, stderr })),
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--workers|--ephemeral/);
  }
});
