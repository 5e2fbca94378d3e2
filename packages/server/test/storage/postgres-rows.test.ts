import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { MAX_NAMED_PER_CONNECTION } from '../../src/storage/postgres-named-statements.ts';
import { rowsReader } from '../../src/storage/postgres-rows.ts';
import { postgresTypes } from '../../src/storage/postgres-types.ts';
import { createPostgresDatabase } from '../support/databases.ts';

// Rows read straight into objects through node-postgres's custom-query interface (postgres-rows.ts), on a
// real server: the same objects node-postgres's own queries make, a Describe only the first time a SQL
// text runs, and a connection that stays usable whatever a query meets.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let pool: pg.Pool;
const types = postgresTypes(pg.types);

before(async () => {
  database = await createPostgresDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4, types });
  await pool.query(`create table calls (sid varchar(34) primary key, date_created bigint not null, duration integer, caller_name text, price varchar(16))`);
  await pool.query(`insert into calls values ('CA1', 1764892800123, 42, 'Zoë "Z" \\ O''Neil', '-0.0085'), ('CA2', 1764892800456, null, null, null)`);
});
after(async () => {
  await pool?.end();
  await database?.drop();
});

/** A client of its own, released when the test ends. */
async function client(t: { after(fn: () => void): void }): Promise<pg.PoolClient> {
  const connected = await pool.connect();
  t.after(() => connected.release());
  return connected;
}

/** How many RowDescriptions the client's connection receives while `run` runs. */
async function descriptionsDuring(connected: pg.PoolClient, run: () => Promise<unknown>): Promise<number> {
  const connection = (connected as unknown as { connection: NodeJS.EventEmitter }).connection;
  let seen = 0;
  const count = () => seen++;
  connection.on('rowDescription', count);
  try {
    await run();
  } finally {
    connection.off('rowDescription', count);
  }
  return seen;
}

const PAGE = 'select sid, date_created, duration, caller_name, price from calls where date_created > $1 order by sid limit $2';

test("rows are node-postgres's own objects: the columns in order, bigints and integers as numbers, NULL as null", async (t) => {
  const read = rowsReader(types);
  const connected = await client(t);
  const rows = await read(connected, PAGE, [0, 10]);
  assert.deepEqual(rows, (await pool.query(PAGE, [0, 10])).rows);
  assert.deepEqual(rows[0], { sid: 'CA1', date_created: 1764892800123, duration: 42, caller_name: 'Zoë "Z" \\ O\'Neil', price: '-0.0085' });
  assert.deepEqual(Object.keys(rows[1]!), ['sid', 'date_created', 'duration', 'caller_name', 'price']);
  assert.deepEqual(await read(connected, PAGE, ['1764892800200', 10]), [rows[1]]);
});

test('a SQL text is described once, then runs as Bind, Execute and Sync on every connection, prepared once on each', async (t) => {
  const read = rowsReader(types);
  const [first, second] = [await client(t), await client(t)];
  assert.equal(await descriptionsDuring(first, () => read(first, PAGE, [0, 1])), 1);
  for (const connected of [first, second, second]) {
    let rows: unknown[] = [];
    assert.equal(await descriptionsDuring(connected, async () => (rows = await read(connected, PAGE, [0, 5]))), 0);
    assert.equal(rows.length, 2);
  }
  for (const connected of [first, second]) {
    const prepared = await connected.query('select count(*)::int as n from pg_prepared_statements where statement = $1', [PAGE]);
    assert.equal(prepared.rows[0].n, 1);
  }
});

test('past the named statements a connection may hold, SQL texts run unnamed and still answer', async (t) => {
  const read = rowsReader(types);
  const connected = await client(t);
  const texts = Array.from({ length: MAX_NAMED_PER_CONNECTION + 4 }, (_, i) => `select $1::int + ${i} as n`);
  for (const [i, text] of texts.entries()) assert.deepEqual(await read(connected, text, [1]), [{ n: 1 + i }]);
  assert.deepEqual(await read(connected, texts.at(-1)!, [2]), [{ n: 2 + texts.length - 1 }]);
  assert.deepEqual(await read(connected, texts[0]!, [2]), [{ n: 2 }]);
  // Every statement the connection holds, those of tests that ran on it before included.
  const prepared = await connected.query('select count(*)::int as n from pg_prepared_statements');
  assert.equal(prepared.rows[0].n, MAX_NAMED_PER_CONNECTION);
});

test("PostgreSQL's errors reject the query, and the connection answers the next one", async (t) => {
  const read = rowsReader(types);
  const connected = await client(t);
  await assert.rejects(read(connected, 'select sid from calls where date_created / $1 > 0', [0]), /division by zero/);
  await assert.rejects(read(connected, 'selec sid from calls', []), /syntax error/);
  assert.deepEqual(await read(connected, 'select count(*)::int as n from calls where date_created / $1 > 0', [1]), [{ n: 2 }]);
});

test('a value that cannot be bound is refused before anything is sent', async (t) => {
  const read = rowsReader(types);
  const connected = await client(t);
  await assert.rejects(read(connected, PAGE, [{ date: 0 }, 10]), /cannot bind \[object Object\]/);
  assert.equal((await read(connected, PAGE, [0, 10])).length, 2);
});

test('a table that changed under a kept description fails that query once, and the next reads the new columns', async (t) => {
  const read = rowsReader(types);
  const [first, second] = [await client(t), await client(t)];
  const everything = 'select * from calls where sid = $1';
  assert.deepEqual(Object.keys((await read(first, everything, ['CA1']))[0]!), ['sid', 'date_created', 'duration', 'caller_name', 'price']);
  await pool.query('alter table calls add column answered_by varchar(32)');
  t.after(() => pool.query('alter table calls drop column answered_by'));
  await assert.rejects(read(second, everything, ['CA1']), /a row of 6 columns for a query described with 5/);
  assert.deepEqual((await read(second, everything, ['CA1']))[0], { sid: 'CA1', date_created: 1764892800123, duration: 42, caller_name: 'Zoë "Z" \\ O\'Neil', price: '-0.0085', answered_by: null });
});

test("a parser's error rejects the query, not node-postgres's message handler, and the connection answers the next one", async (t) => {
  const refusing = rowsReader({
    getTypeParser: (oid, format) => (oid === 20 ? () => { throw new Error('no bigints here'); } : types.getTypeParser(oid, format)),
  });
  const connected = await client(t);
  await assert.rejects(refusing(connected, PAGE, [0, 10]), /no bigints here/);
  assert.deepEqual(await refusing(connected, 'select sid from calls order by sid', []), [{ sid: 'CA1' }, { sid: 'CA2' }]);
});
