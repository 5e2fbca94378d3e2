import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { RunningServer } from '../../src/server.ts';
import { startTwilioApp, type TwilioApp } from '../callbacks/twilio-app.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { startTestServer } from '../support/server.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const { DATABASE_URL: _ignored, ...ENV } = process.env;

const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, ['packages/server/bin/switchboard.js', ...args], { cwd: ROOT, env: ENV }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

onEachDatabase('switchboard sms and switchboard call', (database) => {
  let dir: string;
  let url: string;
  let server: RunningServer;
  let app: TwilioApp;
  const NUMBER = '+14155550190';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-inbound-cli-'));
    // The CLI writes to the database the running server simulates from: a file for SQLite.
    url = database.name === 'SQLite' ? join(dir, 'switchboard.sqlite') : database.url;
    server = await startTestServer(url, { simulationIntervalMs: 100 });
    const account = await makeAccount(server.deps.db, 'Shop');
    app = await startTwilioApp(account.auth_token);
    const sid = await giveNumber(server.deps.db, account.sid, NUMBER);
    const config = JSON.stringify({ sms_url: `${app.origin}/sms`, voice_url: `${app.origin}/voice` });
    await server.deps.db.updateTable('incoming_phone_numbers').set({ config }).where('sid', '=', sid).execute();
  });
  after(async () => {
    await app.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('sms texts the number; the running server asks the app and sends its reply', async () => {
    const run = await cli('sms', '--from', '+12125550140', '--to', NUMBER, '--body', 'hours', '--json', '--db', url);
    assert.equal(run.code, 0, run.stderr);
    const message = JSON.parse(run.stdout) as { sid: string; status: string };
    assert.equal(message.status, 'received');
    await until('the app got the message', () => app.seen.some((s) => s.path === '/sms' && s.params.MessageSid === message.sid));
    const replies = () => server.deps.db.selectFrom('messages').selectAll().where('to', '=', '+12125550140').where('direction', '=', 'outbound-reply').execute();
    await until('the reply is sent', async () => (await replies()).length > 0);
    assert.equal((await replies())[0]!.body, 'We are open 9 to 5, Monday to Friday.');
    assert.deepEqual(app.refused, []);
  });

  test('call calls the number; the app is asked for TwiML with the caller ringing', async () => {
    const run = await cli('call', '--from', '+12125550141', '--to', NUMBER, '--digits', '3', '--json', '--db', url);
    assert.equal(run.code, 0, run.stderr);
    const call = JSON.parse(run.stdout) as { sid: string; status: string };
    assert.equal(call.status, 'ringing');
    await until('the app was asked', () => app.seen.some((s) => s.path === '/voice' && s.params.CallSid === call.sid));
    assert.equal(app.seen.find((s) => s.path === '/voice' && s.params.CallSid === call.sid)!.params.CallStatus, 'ringing');
  });

  test('a number nobody owns is a usage error (exit 2)', async () => {
    const run = await cli('sms', '--from', '+12125550140', '--to', '+14155550999', '--body', 'x', '--db', url);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no account owns \+14155550999/);
  });
});
