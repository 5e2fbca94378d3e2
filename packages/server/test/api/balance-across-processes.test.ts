import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import { openStorage, type Storage } from '../../src/storage/database.ts';
import { addCredit } from '../../src/storage/repositories/balance-credits.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import type { RunningServer } from '../../src/server.ts';
import { recordUsage } from '../../src/telephony/record-usage.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { startTestServer } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const STRANGER = '+14155550199';
const SENDER = '+15005550006';

async function codeOf(promise: Promise<unknown>): Promise<number | 'sent'> {
  try {
    await promise;
    return 'sent';
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, String(error));
    return error.code!;
  }
}

// The server keeps what it read of balances, numbers and caller IDs until those tables change: a
// change made by another process (the CLI, another worker) must count at once.
onEachDatabase('Spending rules see writes from other processes', (database) => {
  let folder: string | undefined;
  let server: RunningServer;
  let other: Storage;
  let account: Account;
  let client: TwilioClient;

  before(async () => {
    let url = database.url;
    if (database.name === 'SQLite') {
      folder = mkdtempSync(join(tmpdir(), 'switchboard-balance-'));
      url = join(folder, 'switchboard.sqlite');
    }
    server = await startTestServer(url, { simulationIntervalMs: 0 });
    other = openStorage(url);
    account = await makeAccount(other.db, 'Spender');
    client = twilioClient(server.url, account.sid, account.auth_token);
  });
  after(async () => {
    await server?.close();
    await other?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const send = () => codeOf(client.messages.create({ to: STRANGER, from: SENDER, body: 'hi' }));

  test('a balance another process spends stops the next message (20005); credit it adds lets the one after go', async () => {
    assert.equal(await send(), 'sent');
    assert.equal(await send(), 'sent');
    await recordUsage(other.db, { accountSid: account.sid, category: 'calls-outbound', count: 100, usage: 1500, at: Date.now() }); // $21.00
    assert.equal(await send(), 20005);
    await addCredit(other.db, account.sid, 5_000_000, 'Top-up', Date.now());
    assert.equal(await send(), 'sent');
  });
});
