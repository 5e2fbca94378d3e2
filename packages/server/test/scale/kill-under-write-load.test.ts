import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStorage } from '../../src/storage/database.ts';
import { startServe, stopServe, type ServeProcess } from '../support/cluster.ts';
import { createPostgresDatabase } from '../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const IN_FLIGHT = 20;
/** Acknowledged messages before the kill: enough that requests are in every stage when it lands. */
const BEFORE_KILL = 300;

/**
 * POSTs messages from `IN_FLIGHT` clients at once, records each SID answered with 201, and kills the
 * server with SIGKILL in the middle of the load. Until the kill every POST must succeed.
 */
async function sendUntilKilled(server: ServeProcess): Promise<string[]> {
  const { account_sid: sid, auth_token: token } = server.demo!;
  const headers = { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams({ To: '+12125550100', From: '+15005550006', Body: 'Must survive kill -9' }).toString();
  const acknowledged: string[] = [];
  let killed = false;
  let reachedTarget: () => void;
  const target = new Promise<void>((resolve) => (reachedTarget = resolve));

  const client = async () => {
    while (!killed) {
      let answer: { status: number; text: string };
      try {
        const res = await fetch(`${server.url}/2010-04-01/Accounts/${sid}/Messages.json`, { method: 'POST', headers, body });
        answer = { status: res.status, text: await res.text() };
      } catch (error) {
        if (killed) return;
        throw error;
      }
      assert.equal(answer.status, 201, answer.text);
      acknowledged.push((JSON.parse(answer.text) as { sid: string }).sid);
      if (acknowledged.length >= BEFORE_KILL) reachedTarget!();
    }
  };
  const clients = Array.from({ length: IN_FLIGHT }, client);
  await Promise.race([target, Promise.all(clients)]);
  killed = true;
  server.child.kill('SIGKILL');
  await Promise.all(clients);
  return acknowledged;
}

async function assertAllStored(url: string, sids: readonly string[]): Promise<void> {
  const storage = openStorage(url);
  try {
    const stored = new Set((await storage.db.selectFrom('messages').select('sid').where('sid', 'in', sids).execute()).map((m) => m.sid));
    const lost = sids.filter((sid) => !stored.has(sid));
    assert.deepEqual(lost, [], `${lost.length} of ${sids.length} acknowledged messages were lost`);
  } finally {
    await storage.close();
  }
}

async function killUnderLoad(url: string): Promise<void> {
  const server = await startServe(['--port', '0', '--db', url], { HOME: dir });
  try {
    const acknowledged = await sendUntilKilled(server);
    assert.ok(acknowledged.length >= BEFORE_KILL);
    await assertAllStored(url, acknowledged);
  } finally {
    await stopServe(server);
  }
}

test('every message acknowledged with 201 is in the SQLite file after the server is killed with -9 under load', async () => {
  await killUnderLoad(join(dir, 'killed.sqlite'));
});

test('every message acknowledged with 201 is in PostgreSQL after the server is killed with -9 under load', async () => {
  const database = await createPostgresDatabase();
  try {
    await killUnderLoad(database.url);
  } finally {
    await database.drop();
  }
});
