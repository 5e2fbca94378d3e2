import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { createAccount, findAccount } from '../../src/storage/repositories/accounts.ts';
import { createPostgresDatabase } from '../support/databases.ts';

// The README offers `?options=-c%20synchronous_commit%3Doff` to a sandbox that may lose its last writes
// to a crash of the database machine: the URL's settings must reach the connections the server writes on.
describe("A PostgreSQL URL's connection settings", () => {
  let url: string;
  let drop: () => Promise<void>;
  const opened: Storage[] = [];
  const open = (withOptions: string) => {
    const storage = openStorage(`${url}${withOptions}`);
    opened.push(storage);
    return storage;
  };
  const setting = async (storage: Storage) => (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(storage.db)).rows[0]!.synchronous_commit;

  before(async () => {
    ({ url, drop } = await createPostgresDatabase());
  });
  after(async () => {
    for (const storage of opened) await storage.close();
    await drop?.();
  });

  test('reach the connections the server writes on, and writes commit as usual', async () => {
    const storage = open('?options=-c%20synchronous_commit%3Doff');
    await migrateToLatest(storage.db);
    assert.equal(await setting(storage), 'off');
    const account = await createAccount(storage.db, { friendlyName: 'Asynchronous commits', type: 'Full', parentSid: null, now: Date.UTC(2026, 11, 4) });
    assert.equal((await findAccount(storage.db, account.sid))?.friendly_name, 'Asynchronous commits');
  });

  test("leave the database server's own setting alone without them", async () => {
    const storage = open('');
    const server = (await sql<{ setting: string }>`select reset_val as setting from pg_settings where name = 'synchronous_commit'`.execute(storage.db)).rows[0]!.setting;
    assert.equal(await setting(storage), server);
  });
});
