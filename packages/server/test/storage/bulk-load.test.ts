import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { BulkInserter } from '../../src/storage/bulk-insert.ts';
import { withBulkLoad } from '../../src/storage/bulk-load.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import type { Database, MessagesTable } from '../../src/storage/schema.ts';
import { newSid } from '../../src/util/sid.ts';
import { onEachDatabase } from '../support/databases.ts';

const NOW = Date.UTC(2025, 2, 14);

const message = (accountSid: string, i: number): MessagesTable => ({
  sid: newSid('SM'), account_sid: accountSid, to: '+12125550100', from: '+13125550101', messaging_service_sid: null, body: `Message ${i}`,
  status: 'delivered', direction: 'outbound-api', num_segments: 1, num_media: 0, price: '-0.00790', error_code: null, error_message: null,
  status_callback: null, outcome: 'delivered', next_event_at: null, send_at: null, unobserved: 0, date_sent: NOW + i, date_created: NOW + i, date_updated: NOW + i,
});

onEachDatabase('Bulk loads', (database) => {
  let storage: Storage;
  let accountSid: string;
  const countMessages = async () => Number((await storage.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const indexesOf = async (db: Kysely<Database>) =>
    database.name === 'SQLite'
      ? (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'messages' and sql is not null order by name`.execute(db)).rows
      : (await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where tablename = 'messages' order by indexname`.execute(db)).rows;
  const indexes = () => indexesOf(storage.db);
  const pragmas = async () => database.name === 'SQLite' ? Promise.all(['synchronous', 'cache_size', 'temp_store'].map(async (p) => (await sql.raw(`pragma ${p}`).execute(storage.db)).rows)) : [];

  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
    accountSid = (await createAccount(storage.db, { friendlyName: 'Bulk', type: 'Full', parentSid: null, now: NOW })).sid;
  });
  after(() => storage.close());

  test('rows inserted in statements of many rows read back exactly, across a partial last statement', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => message(accountSid, i));
    await withBulkLoad(storage.db, { tables: ['messages'], rebuildIndexes: false }, (trx) => new BulkInserter(500).insert(trx, 'messages', rows));
    const stored = await storage.db.selectFrom('messages').selectAll().where('account_sid', '=', accountSid).orderBy('date_created').execute();
    assert.deepEqual(stored, rows);
  });

  test('text of every kind, nulls and keys in another order read back exactly; a value a column cannot hold as given writes nothing', async () => {
    const bodies = ['quote " and backslash \\ and slash /', 'line\nbreak\ttab\r', 'emoji 📞 and accents é ü', '{"looks": ["like", "json"]}', '\u007f\u0001 control', "apostrophe ' and null-looking null"];
    const rows = bodies.map((body, i) => ({ ...message(accountSid, 20_000 + i), body, price: i % 2 === 0 ? null : '-0.00790' }));
    // The same columns in another order: each row is read by column name.
    const reordered = Object.fromEntries(Object.entries(message(accountSid, 20_100)).reverse()) as unknown as MessagesTable;
    await storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [...rows, reordered]));
    const stored = await storage.db.selectFrom('messages').selectAll().where('date_created', '>=', NOW + 20_000).orderBy('date_created').execute();
    assert.deepEqual(stored, [...rows, { ...reordered }].map((row) => Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, (row as Record<string, unknown>)[k]]))));

    const before = await countMessages();
    const broken = { ...message(accountSid, 20_200), num_segments: Number.NaN };
    await assert.rejects(storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [message(accountSid, 20_201), broken])));
    assert.equal(await countMessages(), before);
  });

  test('indexes dropped for the load are back, identical, and the connection settings restored', async () => {
    const indexesBefore = await indexes();
    const pragmasBefore = await pragmas();
    let indexesDuring: Array<{ name: string }> = [];
    await withBulkLoad(storage.db, { tables: ['messages'], rebuildIndexes: true }, async (trx) => {
      await new BulkInserter().insert(trx, 'messages', [message(accountSid, 5000)]);
      indexesDuring = await indexesOf(trx);
    });
    assert.deepEqual(indexesDuring.map((i) => i.name), database.name === 'SQLite' ? [] : ['messages_pkey'], 'only the primary key stays while loading');
    assert.deepEqual(await indexes(), indexesBefore);
    assert.deepEqual(await pragmas(), pragmasBefore);
  });

  test('a load that fails writes nothing and leaves the indexes and settings as they were', async () => {
    const rowsBefore = await countMessages();
    const indexesBefore = await indexes();
    const pragmasBefore = await pragmas();
    await assert.rejects(
      withBulkLoad(storage.db, { tables: ['messages'], rebuildIndexes: true }, async (trx) => {
        await new BulkInserter().insert(trx, 'messages', Array.from({ length: 700 }, (_, i) => message(accountSid, 10_000 + i)));
        throw new Error('interrupted');
      }),
      /interrupted/,
    );
    assert.equal(await countMessages(), rowsBefore);
    assert.deepEqual(await indexes(), indexesBefore);
    assert.deepEqual(await pragmas(), pragmasBefore);
  });
});
