import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { nameStatements } from '../../src/storage/postgres-named-statements.ts';
import { createPostgresDatabase } from '../support/databases.ts';

// Each SQL text a connection runs is prepared once there and run by name afterwards, on a real
// PostgreSQL server, whichever form the query comes in.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let pool: pg.Pool;

before(async () => {
  database = await createPostgresDatabase();
  // One connection: the statements it prepared are the session's (pg_prepared_statements).
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  nameStatements(pool);
});
after(async () => {
  await pool?.end();
  await database?.drop();
});

const prepared = async (client: pg.PoolClient) =>
  (await client.query<{ statement: string }>('select statement from pg_prepared_statements order by statement')).rows.map((row) => row.statement);

test('a query as text and values, and one as a config with rowMode, are each prepared once a connection', async () => {
  const client = await pool.connect();
  try {
    const byText = 'select $1::int + 1 as next';
    const asArrays = 'select $1::text as word, $2::int as count';
    for (let i = 0; i < 3; i++) {
      assert.deepEqual((await client.query(byText, [i])).rows, [{ next: i + 1 }]);
      const result = await client.query<unknown[]>({ text: asArrays, values: ['call', i], rowMode: 'array' });
      assert.deepEqual(result.rows, [['call', i]]);
      assert.deepEqual(result.fields.map((field) => field.name), ['word', 'count']);
    }
    // Each text once, under its own name (the listing query itself runs unnamed: it has no values).
    assert.deepEqual(await prepared(client), [asArrays, byText].sort());
  } finally {
    client.release();
  }
});

test('a query with a name of its own, or without values, is left as it is', async () => {
  const client = await pool.connect();
  try {
    await client.query('deallocate all');
    await client.query({ name: 'own_name', text: 'select $1::int as n', values: [1] });
    await client.query('select 1 as n');
    const [own] = await prepared(client);
    assert.equal(own, 'select $1::int as n');
    const names = (await client.query<{ name: string }>('select name from pg_prepared_statements')).rows.map((row) => row.name);
    assert.deepEqual(names, ['own_name']);
  } finally {
    client.release();
  }
});
