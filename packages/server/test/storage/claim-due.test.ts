import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import type { Database } from '../../src/storage/schema.ts';
import { claimDue } from '../../src/telephony/claim-due.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';

const byName = (name: string) => (trx: Kysely<Database>) => trx.selectFrom('accounts').select('sid').where('friendly_name', '=', name).orderBy('sid');

onEachDatabase('Claiming due rows', (database) => {
  // Two storages on one database: two processes' connection pools.
  let first: Storage;
  let second: Storage;
  before(async () => {
    first = openStorage(database.url);
    await migrateToLatest(first.db);
    second = database.name === 'PostgreSQL' ? openStorage(database.url) : first;
    for (let i = 0; i < 3; i++) await makeAccount(first.db, 'Due');
    await makeAccount(first.db, 'Not due');
  });
  after(async () => {
    if (second !== first) await second.close();
    await first.close();
  });

  test('a claim returns the rows its query selects, and only those', async () => {
    const claimed = await first.db.transaction().execute((trx) => claimDue(trx, byName('Due')));
    assert.equal(claimed.length, 3);
  });

  if (database.name === 'PostgreSQL') {
    test('rows one process has claimed are skipped by another until its transaction ends, not waited for', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let claimedFirst!: () => void;
      const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
      const holding = first.db.transaction().execute(async (trx) => {
        const rows = await claimDue(trx, byName('Due'));
        claimedFirst();
        await held;
        return rows;
      });
      await firstClaimed;
      const meanwhile = await second.db.transaction().execute((trx) => claimDue(trx, byName('Due')));
      release();
      assert.equal((await holding).length, 3);
      assert.deepEqual(meanwhile, [], 'the other process skips the claimed rows');
      assert.equal((await second.db.transaction().execute((trx) => claimDue(trx, byName('Due')))).length, 3, 'free again once the claim ends');
    });
  }
});
