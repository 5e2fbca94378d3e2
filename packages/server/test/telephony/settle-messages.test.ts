import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import { settleMessages } from '../../src/telephony/settle-messages.ts';
import { onEachDatabase } from '../support/databases.ts';
import { queuedMessage } from '../support/queued-message.ts';

const NOW = Date.UTC(2025, 2, 14, 12);

onEachDatabase('Settling messages nothing watches', (database) => {
  let storage: Storage;
  let accountSid: string;

  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
    accountSid = (await createAccount(storage.db, { friendlyName: 'Settle', type: 'Full', parentSid: null, now: NOW })).sid;
  });
  after(() => storage.close());

  test('each row moves to its state at now and is billed once; a row another step already moved is left alone', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => queuedMessage(accountSid, NOW - 5_000 + i, 2));
    await storage.db.insertInto('messages').values(rows).execute();
    // Another process moved this one since it was read: it must be neither moved again nor billed.
    const [raced] = rows;
    await storage.db.updateTable('messages').set({ next_event_at: raced!.next_event_at! + 1 }).where('sid', '=', raced!.sid).execute();

    await storage.db.transaction().execute((trx) => settleMessages(trx, rows, NOW));

    const after = await storage.db.selectFrom('messages').select(['sid', 'status', 'price', 'date_sent', 'next_event_at', 'date_updated']).where('account_sid', '=', accountSid).execute();
    const bySid = new Map(after.map((row) => [row.sid, row]));
    assert.equal(bySid.get(raced!.sid)!.status, 'queued');
    for (const row of rows.slice(1)) {
      const moved = bySid.get(row.sid)!;
      assert.deepEqual(
        { status: moved.status, date_sent: Number(moved.date_sent), next_event_at: moved.next_event_at, date_updated: Number(moved.date_updated) },
        { status: 'delivered', date_sent: row.date_created + 700, next_event_at: null, date_updated: NOW },
      );
      assert.equal(Number(moved.price), -0.0158);
    }
    const usage = await storage.db.selectFrom('usage_daily').selectAll().where('account_sid', '=', accountSid).where('category', '=', 'sms-outbound').executeTakeFirstOrThrow();
    assert.deepEqual({ count: Number(usage.count), usage: Number(usage.usage) }, { count: 449, usage: 898 });
  });
});
