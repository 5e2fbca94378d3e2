import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type SQLite from 'better-sqlite3';
import { statementsForKysely } from '../../src/storage/sqlite-statements.ts';

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof SQLite;

describe('SQLite statements as Kysely runs them', () => {
  let sqlite: SQLite.Database;
  let writes = 0;
  let statements: ReturnType<typeof statementsForKysely>;

  before(() => {
    sqlite = new Sqlite(':memory:');
    sqlite.exec(`create table t (id integer primary key, name text, price real, data blob, note text);
      insert into t values (1, 'one', 1.5, x'00ff', null), (2, 'two "quoted"', -0.25, null, 'x'), (3, '', 0, x'', 'é')`);
    statements = statementsForKysely(sqlite, () => writes++);
  });
  after(() => sqlite.close());

  const queries = [
    'select * from t order by id',
    'select id, name as "we""ird\\key", price * 2 as doubled, 1 as "__proto__" from t',
    'select id as a, name as a, note as a from t',
    'select count(*) from t where id > ?',
    'pragma table_info(t)',
  ];

  for (const source of queries) {
    test(`rows are the objects better-sqlite3 makes: ${source}`, () => {
      const parameters = source.includes('?') ? [1] : [];
      const expected = sqlite.prepare(source).all(parameters);
      assert.deepEqual(statements.prepare(source).all(parameters), expected);
      assert.deepEqual(statements.prepare(source).all(parameters), expected, 'again, from the kept statement');
      assert.deepEqual([...statements.prepare(source).iterate(parameters)], expected, 'iterated');
    });
  }

  test('a key order and a Buffer come through as the driver gives them', () => {
    const [row] = statements.prepare('select data, id from t where id = 1').all([]) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(row!), ['data', 'id']);
    assert.ok(Buffer.isBuffer(row!.data));
  });

  test('each statement that may write is announced before it runs, every time; reads are not', () => {
    const before = writes;
    statements.prepare('select id from t').all([]);
    statements.prepare('pragma data_version').all([]);
    assert.equal(writes, before);
    const insert = 'insert into t (name) values (?)';
    statements.prepare(insert).run(['four']);
    statements.prepare(insert).run(['five']);
    assert.equal(writes, before + 2);
    assert.deepEqual(statements.prepare('insert into t (name) values (?) returning name').all(['six']), [{ name: 'six' }]);
    assert.equal(writes, before + 3, 'a write with RETURNING reads rows and writes');
  });

  test('a statement still being iterated is not handed out again', () => {
    const source = 'select id from t order by id';
    const first = statements.prepare(source).iterate([]);
    assert.deepEqual(first.next().value, { id: 1 });
    assert.deepEqual(statements.prepare(source).all([]).slice(0, 2), [{ id: 1 }, { id: 2 }]);
    assert.deepEqual(first.next().value, { id: 2 }, 'the first iteration goes on undisturbed');
    first.return?.();
  });
});
