import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { RunningServer } from '../../src/server.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { startTestServer } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const { DATABASE_URL: _ignored, ...ENV } = process.env;

const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, ['packages/server/bin/switchboard.js', ...args], { cwd: ROOT, env: ENV }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });

onEachDatabase('switchboard clock', (database) => {
  let dir: string;
  let url: string;
  let server: RunningServer;
  let account: Account;
  let sub: Account;
  const NUMBER = '+14155550191';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-clock-cli-'));
    // The CLI changes the clock in the database the running server reads it from: a file for SQLite.
    url = database.name === 'SQLite' ? join(dir, 'switchboard.sqlite') : database.url;
    server = await startTestServer(url, { simulationIntervalMs: 0 });
    account = await makeAccount(server.deps.db, 'Shop');
    sub = await makeAccount(server.deps.db, 'Shop team', 'Full', account.sid);
    await giveNumber(server.deps.db, sub.sid, NUMBER);
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const clock = async (...args: string[]) => {
    const run = await cli('clock', ...args, '--account', account.sid, '--json', '--db', url);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as { account_sid: string; now: string; frozen: boolean };
  };

  test('freeze, set, advance, show and unfreeze; the server and the API see the same clock', async () => {
    const frozen = await clock('freeze');
    assert.equal(frozen.frozen, true);
    assert.equal(frozen.account_sid, account.sid);
    assert.deepEqual(await clock('set', '2030-03-01T12:00:00Z'), { account_sid: account.sid, now: '2030-03-01T12:00:00.000Z', frozen: true });

    const client = twilioClient(server.url, sub.sid, sub.auth_token);
    const message = await client.messages.create({ to: '+12125550150', from: '+15005550006', body: 'sent by the clock' });
    assert.equal(message.dateCreated.toISOString(), '2030-03-01T12:00:00.000Z');
    const texted = await cli('sms', '--from', '+12125550151', '--to', NUMBER, '--body', 'hello', '--json', '--db', url);
    assert.equal(texted.code, 0, texted.stderr);
    const inbound = await client.messages((JSON.parse(texted.stdout) as { sid: string }).sid).fetch();
    assert.equal(inbound.dateCreated.toISOString(), '2030-03-01T12:00:00.000Z', 'switchboard sms texts at the clock\'s time');

    assert.deepEqual(await clock('advance', '90s'), { account_sid: account.sid, now: '2030-03-01T12:01:30.000Z', frozen: true });
    assert.ok(['delivered', 'undelivered', 'failed'].includes((await client.messages(message.sid).fetch()).status), 'the advance ran the message to its end');
    assert.equal((await clock('advance', '2h')).now, '2030-03-01T14:01:30.000Z');
    assert.equal((await clock('advance', '1d')).now, '2030-03-02T14:01:30.000Z');
    assert.deepEqual(await clock('show'), { account_sid: account.sid, now: '2030-03-02T14:01:30.000Z', frozen: true });

    const running = await clock('unfreeze');
    assert.equal(running.frozen, false);
    assert.ok(Date.parse(running.now) >= Date.parse('2030-03-02T14:01:30.000Z'));
    const human = await cli('clock', 'show', '--account', account.sid, '--db', url);
    assert.match(human.stdout, /^account_sid: AC[0-9a-f]{32}\nnow: {9}2030-03-02T14:0\d:\d\d\.\d{3}Z\nfrozen: {6}false\n$/);
  });

  test('backwards, bad durations, bad instants and unknown accounts are refused with how to fix them', async () => {
    const back = await cli('clock', 'set', '2020-01-01T00:00:00Z', '--account', account.sid, '--db', url);
    assert.equal(back.code, 1);
    assert.match(back.stderr, /only moves forward/);
    const duration = await cli('clock', 'advance', 'soon', '--account', account.sid, '--db', url);
    assert.equal(duration.code, 2);
    assert.match(duration.stderr, /'soon' is not a duration; use e\.g\. 90s, 5m, 2h or 1d/);
    const instant = await cli('clock', 'set', '2030-01-01T00:00:00', '--account', account.sid, '--db', url);
    assert.equal(instant.code, 2);
    assert.match(instant.stderr, /ISO 8601 instant with its zone/);
    const missing = await cli('clock', 'show', '--account', `AC${'0'.repeat(32)}`, '--db', url);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no account AC0{32} in this database; 'switchboard accounts list' shows them/);
    const help = await cli('clock', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /show +print the account's clock/);
    assert.match(help.stdout, /advance +move the clock forward by a duration \(90s, 5m, 2h, 1d\)/);
  });
});
