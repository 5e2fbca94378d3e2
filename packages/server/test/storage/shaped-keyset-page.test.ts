import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { shapedKeysetPage } from '../../src/storage/keyset-page.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';

const ORDER = { created: 'date_created', key: 'sid', order: 'desc' } as const;

onEachDatabase('Lists read through SQL compiled once per shape', (database) => {
  let storage: Storage;
  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
    for (const name of ['Alpha', 'Alpha', 'Alpha', 'Beta']) await makeAccount(storage.db, name);
  });
  after(() => storage.close());

  const byName = (name: string) => ({
    shape: 'test accounts by name',
    parameters: [name],
    build: () => storage.db.selectFrom('accounts').select(['sid', 'date_created']).where('friendly_name', '=', name),
  });

  test('a shape compiled for one value reads the rows of the next value given', async () => {
    const alpha = await shapedKeysetPage(storage.db, byName('Alpha'), ORDER, { pageSize: 2, cursor: null });
    const beta = await shapedKeysetPage(storage.db, byName('Beta'), ORDER, { pageSize: 2, cursor: null });
    assert.equal(alpha.rows.length, 2);
    assert.equal(alpha.hasNext, true);
    assert.equal(beta.rows.length, 1);
    assert.equal(beta.hasNext, false);
    const last = alpha.rows[1]!;
    const rest = await shapedKeysetPage(storage.db, byName('Alpha'), ORDER, { pageSize: 2, cursor: { direction: 'after', created: last.date_created, key: last.sid } });
    assert.equal(rest.rows.length, 1);
    assert.equal(rest.hasNext, false);
    assert.ok(!alpha.rows.some((row) => row.sid === rest.rows[0]!.sid));
  });

  test('values given other than the ones the SQL binds are refused when the shape is first compiled', async () => {
    const wrong = { ...byName('Alpha'), shape: 'test accounts, values missing', parameters: [] };
    await assert.rejects(shapedKeysetPage(storage.db, wrong, ORDER, { pageSize: 2, cursor: null }), /not the ones its SQL binds/);
  });

  if (database.name === 'PostgreSQL') {
    test('a query with values is prepared once on its connection and reused there', async () => {
      const names = await storage.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 2; i++) await trx.selectFrom('accounts').select('sid').where('friendly_name', '=', `Gamma ${i}`).execute();
        return sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
      });
      const prepared = names.rows.filter((row) => row.statement === 'select "sid" from "accounts" where "friendly_name" = $1');
      assert.equal(prepared.length, 1);
    });
  }
});
