import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { sharedAfterAsking } from '../../src/storage/freshness.ts';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';

onEachDatabase('Freshness tokens', (database) => {
  // Two storages on one database: this process's and another process's.
  let ours: Storage;
  let theirs: Storage;
  let folder: string | undefined;
  before(async () => {
    let url = database.url;
    if (database.name === 'SQLite') {
      folder = mkdtempSync(join(tmpdir(), 'switchboard-freshness-'));
      url = join(folder, 'switchboard.db');
    }
    ours = openStorage(url);
    await migrateToLatest(ours.db);
    theirs = openStorage(url);
  });
  after(async () => {
    await theirs.close();
    await ours.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const token = (tables: Parameters<Storage['freshness']['token']>[0]) => Promise.resolve(ours.freshness.token(tables));

  // On PostgreSQL any commit to any database of the server (other test suites') changes the snapshot,
  // so what leaves tokens alone is checked on SQLite only.
  const sqliteOnly = database.name === 'SQLite' ? test : () => undefined;
  sqliteOnly('reads, and writes that change no row, leave every token as it was', async () => {
    const before = [await token('api'), await token(['accounts']), await token(['calls'])];
    await ours.db.selectFrom('accounts').selectAll().execute();
    await ours.db.updateTable('accounts').set({ friendly_name: 'nobody' }).where('sid', '=', 'AC00000000000000000000000000000000').execute();
    await ours.db.deleteFrom('calls').where('sid', '=', 'CA00000000000000000000000000000000').execute();
    assert.deepEqual([await token('api'), await token(['accounts']), await token(['calls'])], before);
  });

  test("this process's write changes the tokens of its table and of the API, not of other tables", async () => {
    const [api, accounts, calls] = [await token('api'), await token(['accounts']), await token(['calls'])];
    await makeAccount(ours.db, 'Fresh');
    assert.notEqual(await token('api'), api);
    assert.notEqual(await token(['accounts']), accounts);
    // On PostgreSQL the snapshot is the server's, so there every token changes.
    if (database.name === 'SQLite') assert.equal(await token(['calls']), calls);
  });

  test('writes inside a transaction, and raw SQL (as bulk inserts send), count too', async () => {
    const account = await makeAccount(ours.db, 'Raw');
    const calls = await token(['calls']);
    const accounts = await token(['accounts']);
    await ours.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ friendly_name: 'Renamed' }).where('sid', '=', account.sid).execute();
    });
    assert.notEqual(await token(['accounts']), accounts);
    if (database.name === 'SQLite') assert.equal(await token(['calls']), calls, 'an update of accounts leaves calls fresh');
    const renamed = await token(['accounts']);
    await sql`update accounts set friendly_name = ${'Raw again'} where sid = ${account.sid}`.execute(ours.db);
    assert.notEqual(await token(['accounts']), renamed);
    if (database.name === 'SQLite') assert.equal(await token(['calls']), calls);
  });

  test("another process's commit changes every token", async () => {
    const [api, calls] = [await token('api'), await token(['calls'])];
    await makeAccount(theirs.db, 'Theirs');
    assert.notEqual(await token('api'), api);
    assert.notEqual(await token(['calls']), calls);
  });

  sqliteOnly('the Connect audit trail is not something API answers read', async () => {
    const api = await token('api');
    await sql`delete from connect_activity where 1 = 0`.execute(ours.db);
    ours.freshness.noteWrite('connect_activity');
    assert.equal(await token('api'), api);
  });
});

test('a shared query answers each caller with a run that began after it asked', async () => {
  let runs = 0;
  const started: Array<() => void> = [];
  const shared = sharedAfterAsking(() => new Promise<string>((resolve) => started.push(() => resolve(String(++runs)))));
  const first = shared();
  const second = shared();
  const third = shared();
  assert.equal(started.length, 1, 'callers arriving while a run is out wait for the next one, together');
  started[0]!();
  assert.equal(await first, '1');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started.length, 2);
  started[1]!();
  assert.equal(await second, '2');
  assert.equal(await third, '2');
});
