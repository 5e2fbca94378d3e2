import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { checkpointInBackgroundFor, migrateToLatest, openStorage } from '../../src/storage/database.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import { newSid } from '../../src/util/sid.ts';

const NOW = Date.UTC(2025, 2, 14);

describe('SQLite checkpoints in a worker thread', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'switchboard-checkpoints-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('commits go on while the worker copies the log, the log stays bounded, and every row is kept', async () => {
    const file = join(folder, 'switchboard.db');
    const storage = openStorage(file);
    await migrateToLatest(storage.db);
    checkpointInBackgroundFor(storage);
    const setting = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storage.db)).rows[0]!.wal_autocheckpoint;
    assert.equal(await setting(), 0, "the server's own commits no longer checkpoint");

    try {
      const accountSid = (await createAccount(storage.db, { friendlyName: 'Checkpoints', type: 'Full', parentSid: null, now: NOW })).sid;
      const body = 'x'.repeat(1500);
      let largestLog = 0;
      // About 48 MiB of messages, three times the log size at which the worker makes it start anew.
      for (let batch = 0; batch < 300; batch++) {
        const rows = Array.from({ length: 100 }, (_, i) => ({
          sid: newSid('SM'), account_sid: accountSid, to: '+12125550100', from: '+13125550101', messaging_service_sid: null, body, status: 'delivered' as const,
          direction: 'outbound-api' as const, num_segments: 10, num_media: 0, price: null, error_code: null, error_message: null, status_callback: null,
          outcome: 'delivered' as const, next_event_at: null, send_at: null, date_sent: NOW, date_created: NOW + batch * 100 + i, date_updated: NOW,
        }));
        await storage.db.transaction().execute((trx) => trx.insertInto('messages').values(rows).execute());
        largestLog = Math.max(largestLog, statSync(`${file}-wal`).size);
        await sleep(2);
      }
      assert.ok(largestLog < 40 * 2 ** 20, `the log grew to ${largestLog} bytes`);
    } finally {
      // Closed on failure too: an open database and its worker would keep the test's process alive.
      await storage.close();
    }

    const reopened = openStorage(file);
    const count = await reopened.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 30_000);
    await reopened.close();
  });
});
