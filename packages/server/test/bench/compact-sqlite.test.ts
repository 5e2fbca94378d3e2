import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { compactSqlite } from '../../bench/compact-sqlite.ts';
import { pragma } from '../../src/storage/bulk-load.ts';
import { openStorage, type Storage } from '../../src/storage/database.ts';

const freePages = (storage: Storage) => pragma(storage.db, 'freelist_count');

describe('compacting the SQLite fixture (bench)', () => {
  let folder: string;
  let file: string;
  let storage: Storage;
  const said: string[] = [];
  const say = (line: string) => said.push(line);

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'switchboard-compact-'));
    file = join(folder, 'fixture.sqlite');
    storage = openStorage(file);
    await sql`create table rows_kept (n integer primary key, text text not null)`.execute(storage.db);
    await sql`create table rows_deleted (n integer primary key, text text not null)`.execute(storage.db);
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
      insert into rows_kept select i, printf('%.500c', 'k') from n`.execute(storage.db);
  });

  after(async () => {
    await storage.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('leaves a file alone whose free pages are few', async () => {
    assert.equal(await compactSqlite(storage.db, say), false);
    assert.deepEqual(said, []);
  });

  it("gives back the pages a run's deleted rows left free, and keeps every row that was not deleted", async () => {
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)
      insert into rows_deleted select i, printf('%.500c', 'd') from n`.execute(storage.db);
    await sql`delete from rows_deleted`.execute(storage.db);
    await sql`pragma wal_checkpoint(truncate)`.execute(storage.db);
    const grown = statSync(file).size;
    assert.ok((await freePages(storage)) > 2000, 'the deleted rows left their pages free');

    assert.equal(await compactSqlite(storage.db, say), true);
    await sql`pragma wal_checkpoint(truncate)`.execute(storage.db);
    assert.equal(await freePages(storage), 0);
    assert.ok(statSync(file).size < grown / 4, `${statSync(file).size} bytes after, ${grown} before`);
    const kept = await sql<{ count: number; text: string }>`select count(*) as count, min(text) as text from rows_kept`.execute(storage.db);
    assert.deepEqual(kept.rows[0], { count: 2000, text: 'k'.repeat(500) });
    assert.equal(said.length, 1);
    assert.match(said[0]!, /compacting the SQLite fixture: \d+ % of its pages are free/);
  });
});
