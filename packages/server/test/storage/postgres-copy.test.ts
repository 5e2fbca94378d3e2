import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { BulkInserter } from '../../src/storage/bulk-insert.ts';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { CopyFeed, copyInOwnTransaction, copyRows, copyStatement } from '../../src/storage/postgres-copy.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import type { MessagesTable } from '../../src/storage/schema.ts';
import { newSid } from '../../src/util/sid.ts';
import { createPostgresDatabase } from '../support/databases.ts';

// Bulk inserts on PostgreSQL go through COPY … FROM STDIN, on a real server, through the storage layer
// as the audit trail, grouped creates and seeding use it.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let storage: Storage;
let accountSid: string;
const NOW = Date.UTC(2026, 0, 2);

const message = (i: number, body = `Message ${i}`): MessagesTable => ({
  sid: newSid('SM'), account_sid: accountSid, to: '+12125550100', from: '+13125550101', messaging_service_sid: null, body,
  status: 'delivered', direction: 'outbound-api', num_segments: 1, num_media: 0, price: '-0.00790', error_code: null, error_message: null,
  status_callback: null, outcome: 'delivered', next_event_at: null, send_at: null, unobserved: 0, date_sent: NOW + i, date_created: NOW + i, date_updated: NOW + i,
});

before(async () => {
  database = await createPostgresDatabase();
  storage = openStorage(database.url);
  await migrateToLatest(storage.db);
  accountSid = (await createAccount(storage.db, { friendlyName: 'Copy', type: 'Full', parentSid: null, now: NOW })).sid;
});
after(async () => {
  await storage?.close();
  await database?.drop();
});

test("COPY's text format: null as \\N, a backslash before tab, newline, carriage return and backslash; values it would rewrite are refused", () => {
  assert.equal(copyRows([{ a: 'plain', b: null, c: 7, d: 12345678901234567890n }], ['a', 'b', 'c', 'd']), 'plain\t\\N\t7\t12345678901234567890\n');
  assert.equal(copyRows([{ a: 'tab\tline\nreturn\rslash\\N' }], ['a']), 'tab\\tline\\nreturn\\rslash\\\\N\n');
  assert.equal(copyRows([{ b: 2, a: 1 }, { a: 3 }], ['a', 'b']), '1\t2\n3\t\\N\n', 'by name when the keys differ; a missing column is null');
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, new Date(NOW), Buffer.from('x'), { nested: true }]) {
    assert.throws(() => copyRows([{ a: bad }], ['a']), TypeError);
  }
});

test('text that looks like COPY syntax reads back as written', async () => {
  const bodies = ['\\N', '\\.', 'end\n\\.\n', 'a\\tb', '\t', '', 'null', 'emoji 📞'];
  const rows = bodies.map((body, i) => message(i, body));
  await storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', rows));
  const stored = await storage.db.selectFrom('messages').select('body').where('account_sid', '=', accountSid).orderBy('date_created').execute();
  assert.deepEqual(stored.map((row) => row.body), bodies);
});

/**
 * What a token owes to this process's own writes: the part before the server's snapshot (freshness.ts),
 * which any commit to any database of the server changes, other test files' among them.
 */
const ownWritesPart = async (tables: Parameters<Storage['freshness']['token']>[0]) => {
  const token = await storage.freshness.token(tables);
  return token.slice(0, token.indexOf(':'));
};

test('a bulk insert is a write of its table: the freshness of what reads it changes, of other tables not', async () => {
  const messages = await ownWritesPart(['messages']);
  const calls = await ownWritesPart(['calls']);
  await storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [message(100)]));
  assert.notEqual(await ownWritesPart(['messages']), messages);
  assert.equal(await ownWritesPart(['calls']), calls);
});

test('a COPY the server refuses fails its transaction, writes nothing, and leaves its connection usable', async () => {
  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from messages`.execute(storage.db)).rows[0]!.n);
  const before = await count();
  const duplicate = message(200);
  await assert.rejects(
    storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [message(201), duplicate, duplicate])),
    /duplicate key/,
  );
  assert.equal(await count(), before);
  // Every pooled connection still answers (the one that ran the COPY among them).
  const answers = await Promise.all(Array.from({ length: 10 }, () => storage.db.transaction().execute((trx) => sql<{ one: number }>`select 1 as one`.execute(trx))));
  assert.ok(answers.every((answer) => answer.rows[0]!.one === 1));
  await storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [message(202)]));
  assert.equal(await count(), before + 1);
});

test('a COPY refused before any data is read (a column that does not exist) leaves its connection usable too', async () => {
  const wrong = { ...message(300), no_such_column: 'x' } as unknown as MessagesTable;
  await assert.rejects(storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [wrong])), /no_such_column/);
  // The data sent behind the statement was ignored: each pooled connection answers the next query with its own result.
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => storage.db.transaction().execute((trx) => sql<{ n: number }>`select ${i}::int as n`.execute(trx))));
  assert.deepEqual(answers.map((answer) => answer.rows[0]!.n), Array.from({ length: 10 }, (_, i) => i));
  await storage.db.transaction().execute((trx) => new BulkInserter().insert(trx, 'messages', [message(301)]));
  assert.equal((await storage.db.selectFrom('messages').select('sid').where('date_created', '=', NOW + 301).execute()).length, 1);
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const COLUMNS = Object.keys(message(0));

test('a COPY in its own transaction whose rows come after its statement was sent: all go in, committed by that one message, in the transaction whose id it read', async () => {
  const rows = [message(400), message(401), message(402)];
  const feed = new CopyFeed();
  feed.write(copyRows([rows[0]!], COLUMNS));
  const { xid, afterwards } = await storage.db.connection().execute(async (connection) => {
    const copied = connection.executeQuery(CompiledQuery.raw(copyInOwnTransaction(copyStatement('messages', COLUMNS)), [feed]));
    // The rest come on later turns of the event loop, as a group's creates do.
    await nextTurn();
    feed.write(copyRows([rows[1]!], COLUMNS));
    await nextTurn();
    feed.write(copyRows([rows[2]!], COLUMNS));
    feed.end();
    const result = await copied;
    assert.equal(result.numAffectedRows, 3n);
    // No transaction is left open on the connection: a new one has no id yet.
    const open = await connection.executeQuery<{ xid: string | null }>(CompiledQuery.raw('select pg_current_xact_id_if_assigned()::text as xid'));
    return { xid: (result.rows[0] as { xid: string }).xid, afterwards: open.rows[0]!.xid };
  });
  assert.match(xid, /^\d+$/);
  assert.equal(afterwards, null, 'the message committed its transaction');
  const stored = await storage.db.selectFrom('messages').select(['sid', sql<string>`xmin::text`.as('xmin')]).where('sid', 'in', rows.map((r) => r.sid)).execute();
  assert.equal(stored.length, 3, 'seen from another connection: committed');
  assert.ok(stored.every((row) => row.xmin === xid), 'all three rows were written by the transaction whose id it read');
});

test('a COPY refused before its rows are complete answers at once; rows written after that are never sent, and the connection stays usable', async () => {
  const feed = new CopyFeed();
  const outcome = await storage.db.connection().execute(async (connection) => {
    const copied = connection.executeQuery(CompiledQuery.raw(copyInOwnTransaction(copyStatement('messages', [...COLUMNS, 'no_such_column'])), [feed]));
    feed.write(copyRows([message(500)], COLUMNS));
    const error = await copied.then(() => undefined, (e: Error) => e);
    // Written after the refusal, as a create joining a failed group would be.
    feed.write(copyRows([message(501)], COLUMNS));
    feed.end();
    await connection.executeQuery(CompiledQuery.raw('rollback'));
    const answer = await connection.executeQuery<{ n: number }>(CompiledQuery.raw('select 7 as n'));
    return { error, answer: answer.rows[0]!.n };
  });
  assert.match(String(outcome.error), /no_such_column/);
  assert.equal(outcome.answer, 7, 'the connection answers its next query with its own result');
  assert.equal((await storage.db.selectFrom('messages').select('sid').where('date_created', 'in', [NOW + 500, NOW + 501]).execute()).length, 0);
});
