import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { freshMemo } from '../../src/storage/fresh-memo.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';

onEachDatabase('freshMemo', (database) => {
  let storage: Storage;
  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
  });
  after(() => storage.close());

  test('requests that find a key stale together share one load, and a write makes the next one load again', async () => {
    let loads = 0;
    const names = freshMemo(['accounts'], async (db, sid) => {
      loads++;
      return (await db.selectFrom('accounts').select('friendly_name').where('sid', '=', sid).executeTakeFirst())?.friendly_name;
    });
    const account = await makeAccount(storage.db, 'Before');
    const answers = await Promise.all(Array.from({ length: 20 }, () => names(storage.db, account.sid)));
    assert.deepEqual(new Set(answers), new Set(['Before']));
    // On PostgreSQL another suite's commit between two snapshots may start one more load; never one per request.
    assert.ok(loads >= 1 && loads < 20, `${loads} loads for 20 requests at once`);
    await storage.db.updateTable('accounts').set({ friendly_name: 'After' }).where('sid', '=', account.sid).execute();
    assert.equal(await names(storage.db, account.sid), 'After');
  });

  test('a load that fails is not remembered', async () => {
    let fail = true;
    const flaky = freshMemo(['accounts'], async () => {
      if (fail) throw new Error('unavailable');
      return 'read';
    });
    await assert.rejects(flaky(storage.db, 'key'), /unavailable/);
    fail = false;
    assert.equal(await flaky(storage.db, 'key'), 'read');
  });
});
