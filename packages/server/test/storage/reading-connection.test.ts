import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { openReadingConnection, readerConnection, type ReadingConnection } from '../../src/storage/reading-connection.ts';
import { createPostgresDatabase } from '../support/databases.ts';

// A page reader's connection to PostgreSQL (reading-connection.ts), on a real server: rows as objects,
// and a query whose best plan does not depend on its values planned once a connection, the others for each run.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let connection: ReadingConnection;

const PAGE = 'select n, n * 2 as twice, $1::text as label from numbers where n > $2 order by n limit $3';

before(async () => {
  database = await createPostgresDatabase();
  const setup = new pg.Client({ connectionString: database.url });
  await setup.connect();
  await setup.query('create table numbers (n integer primary key)');
  await setup.query('insert into numbers select generate_series(1, 100)');
  await setup.end();
  // One connection of each kind: the statements listed are the ones its session prepared.
  connection = openReadingConnection({ dialect: 'postgres', url: database.url, connections: 1 });
});
after(async () => {
  await connection?.close();
  await database?.drop();
});

/** How the session of the given kind ran PAGE so far. */
const plans = async (onePlan: boolean) => {
  const rows = (await connection.rows('select generic_plans, custom_plans from pg_prepared_statements where statement = $1', [PAGE], onePlan)) as Array<{ generic_plans: number; custom_plans: number }>;
  return rows.map(({ generic_plans, custom_plans }) => ({ generic: Number(generic_plans), custom: Number(custom_plans) }));
};

test('rows come back as objects with the columns in order', async () => {
  const rows = await connection.rows(PAGE, ['page', 97, 5], true);
  assert.deepEqual(rows, [
    { n: 98, twice: 196, label: 'page' },
    { n: 99, twice: 198, label: 'page' },
    { n: 100, twice: 200, label: 'page' },
  ]);
  assert.deepEqual(Object.keys(rows[0] as object), ['n', 'twice', 'label']);
});

test('a query with one plan for all its values is planned once a connection; another is planned each time it runs', async () => {
  for (let i = 0; i < 7; i++) {
    assert.equal((await connection.rows(PAGE, ['one', i * 10, 3], true)).length, 3);
    assert.equal((await connection.rows(PAGE, ['planned', i * 10, 3], false)).length, 3);
  }
  // 8 runs with the first test's; with `limit $3`, PostgreSQL's own choice is to plan every run.
  assert.deepEqual(await plans(true), [{ generic: 8, custom: 0 }]);
  assert.deepEqual(await plans(false), [{ generic: 0, custom: 7 }]);
});

test('both kinds of connection only read', async () => {
  for (const onePlan of [true, false]) await assert.rejects(connection.rows('delete from numbers returning n', [], onePlan), /read-only/);
});

test("a URL's own settings reach both kinds of connection, and the reader's still hold", async () => {
  const withSettings = openReadingConnection({ dialect: 'postgres', url: `${database.url}?options=${encodeURIComponent('-c statement_timeout=1234 -c default_transaction_read_only=off')}`, connections: 1 });
  try {
    for (const onePlan of [true, false]) {
      assert.deepEqual(await withSettings.rows('select current_setting($1) as timeout', ['statement_timeout'], onePlan), [{ timeout: '1234ms' }]);
      await assert.rejects(withSettings.rows('delete from numbers returning n', [], onePlan), /read-only/);
    }
    assert.deepEqual(await withSettings.rows('select current_setting($1) as mode', ['plan_cache_mode'], true), [{ mode: 'force_generic_plan' }]);
  } finally {
    await withSettings.close();
  }
});

test('a URL without settings is passed on as written', () => {
  const url = 'postgres://user:p%40ss@db.example:5432/switchboard?sslmode=require';
  assert.deepEqual(readerConnection(url, '-c x=1'), { connectionString: url, options: '-c x=1' });
});
