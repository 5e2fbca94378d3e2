import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { reportingWrites } from '../../src/storage/observed-dialect.ts';
import { acceptCopyFromStdin, CopyFeed, copyInOwnTransaction, copyStatement } from '../../src/storage/postgres-copy.ts';
import { ownCommits, recordOwnCommit } from '../../src/storage/postgres-own-commits.ts';
import { createPostgresDatabase } from '../support/databases.ts';

/** What `ownCommits` reports: the tables it notes and each snapshot's token. */
function watch() {
  const noted: string[] = [];
  const commits = ownCommits((table) => noted.push(table));
  return { noted, commits };
}

describe("Telling this process's PostgreSQL commits from other processes'", () => {
  test('an own transaction that ends reports its tables and leaves the token as it was', () => {
    const { noted, commits } = watch();
    const first = commits.foreignToken('100:100:');
    commits.committing(100n, ['messages']);
    assert.equal(commits.foreignToken('100:101:100'), first, 'a transaction still running changes nothing');
    assert.deepEqual(noted, []);
    assert.equal(commits.foreignToken('101:101:'), first);
    assert.deepEqual(noted, ['messages']);
  });

  test('an own transaction that began and ended between two snapshots is recognised too', () => {
    const { noted, commits } = watch();
    const first = commits.foreignToken('100:100:');
    commits.committing(100n, ['calls']);
    commits.committing(101n, ['connect_activity']);
    assert.equal(commits.foreignToken('102:102:'), first);
    assert.deepEqual(noted.sort(), ['calls', 'connect_activity']);
  });

  test("another process's commit, seen running before, changes the token", () => {
    const { commits } = watch();
    const first = commits.foreignToken('100:101:100');
    assert.notEqual(commits.foreignToken('101:101:'), first);
  });

  test("another process's commit, begun and ended between two snapshots, changes the token", () => {
    const { commits } = watch();
    const first = commits.foreignToken('100:100:');
    commits.committing(100n, ['calls']);
    assert.notEqual(commits.foreignToken('102:102:'), first, 'transaction 101 was not this process');
  });

  test('a transaction whose id was not recorded (a rollback, an autocommitted statement) counts as foreign', () => {
    const { commits } = watch();
    const first = commits.foreignToken('100:100:');
    const second = commits.foreignToken('100:101:100');
    assert.equal(second, first, 'a transaction that is only running changes nothing yet');
    assert.notEqual(commits.foreignToken('101:101:'), first);
  });

  test('more ids given out than this process recorded is foreign, without looking at each', () => {
    const { commits } = watch();
    const first = commits.foreignToken('100:100:');
    commits.committing(100n, ['calls']);
    assert.notEqual(commits.foreignToken('1000000:1000000:'), first);
  });

  test('an own id that ended before any snapshot compared it still reports its tables', () => {
    const { noted, commits } = watch();
    commits.committing(50n, ['accounts']);
    commits.foreignToken('100:100:');
    assert.deepEqual(noted, ['accounts']);
  });
});

describe('Own transaction ids recorded before COMMIT (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  before(async () => {
    database = await createPostgresDatabase();
  });
  after(() => database.drop());

  test('a transaction that wrote is reported, through the next snapshot, with the tables it wrote', async () => {
    const { noted, commits } = watch();
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const db = new Kysely<Record<string, never>>({ dialect: reportingWrites(new PostgresDialect({ pool }), () => undefined, recordOwnCommit(commits)) });
    const snapshot = async () => (await pool.query<{ s: string }>('select pg_current_snapshot()::text as s')).rows[0]!.s;
    try {
      await sql`create table scratch (n integer)`.execute(db);
      commits.foreignToken(await snapshot());
      await db.transaction().execute(async (trx) => {
        await sql`insert into scratch (n) values (1)`.execute(trx);
      });
      await db.transaction().execute(async (trx) => {
        await sql`select n from scratch`.execute(trx);
      });
      commits.foreignToken(await snapshot());
      assert.deepEqual(noted, ['scratch'], 'only the transaction that wrote, with what it wrote');
    } finally {
      await db.destroy();
    }
  });

  test('a COPY in its own transaction is recorded with the id it read first, before the statement that commits it answers', async () => {
    const { noted, commits } = watch();
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    acceptCopyFromStdin(pool);
    const record = recordOwnCommit(commits);
    const events: string[] = [];
    const db = new Kysely<Record<string, never>>({
      dialect: reportingWrites(new PostgresDialect({ pool }), () => undefined, (_run, tables, knownXid) => {
        events.push(`recorded ${knownXid}`);
        return record(() => Promise.reject(new Error('the id was read already')), tables, knownXid);
      }),
    });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    const snapshot = async () => (await other.query<{ s: string }>('select pg_current_snapshot()::text as s')).rows[0]!.s;
    try {
      await sql`create table copied (n integer)`.execute(db);
      commits.foreignToken(await snapshot());
      const read = await db.connection().execute(async (connection) => {
        const feed = new CopyFeed();
        const copied = connection.executeQuery(CompiledQuery.raw(copyInOwnTransaction(copyStatement('copied', ['n'])), [feed]));
        // The id comes while the COPY waits for its data, so before its COMMIT can run.
        for (const started = Date.now(); events.length === 0 && Date.now() - started < 5_000; ) await new Promise((resolve) => setImmediate(resolve));
        events.push(`rows seen elsewhere ${(await other.query<{ n: string }>('select count(*) as n from copied')).rows[0]!.n}`);
        feed.write('1\n2\n');
        feed.end();
        const result = await copied;
        events.push('answered');
        return (result.rows[0] as { xid: string }).xid;
      });
      assert.deepEqual(events, [`recorded ${read}`, 'rows seen elsewhere 0', 'answered'], 'recorded once, with the id read, before its data was sent');
      assert.equal((await other.query<{ n: string }>('select count(*) as n from copied')).rows[0]!.n, '2', 'committed');
      // Other tests commit on the same server meanwhile, so the token may change; what this transaction wrote is reported as its own.
      commits.foreignToken(await snapshot());
      assert.deepEqual(noted, ['copied'], "its commit is known as this process's own");
    } finally {
      await other.end();
      await db.destroy();
    }
  });
});
