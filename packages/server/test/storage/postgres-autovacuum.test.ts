import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../src/storage/database.ts';
import { warnIfAutovacuumOff } from '../../src/storage/postgres-autovacuum.ts';
import { createPostgresDatabase } from '../support/databases.ts';

describe("A PostgreSQL server's autovacuum, checked at start", () => {
  let storage: Storage;
  let drop: () => Promise<void>;
  before(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    storage = openStorage(database.url);
  });
  after(async () => {
    await storage?.close();
    await drop?.();
  });

  test('a server with autovacuum off is told so once, with how to turn it on; one with it on hears nothing', async () => {
    // The setting is the server's own (postgresql.conf): the test holds the warning to what this server has.
    const setting = (await sql<{ autovacuum: string }>`show autovacuum`.execute(storage.db)).rows[0]!.autovacuum;
    const warnings: string[] = [];
    await warnIfAutovacuumOff(storage.db, (line) => warnings.push(line));
    // A process that starts another Switchboard on the same PostgreSQL server (the tests do) is not told again.
    await warnIfAutovacuumOff(storage.db, (line) => warnings.push(line));
    if (setting === 'off') {
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /autovacuum is off/);
      assert.match(warnings[0]!, /autovacuum = on in postgresql\.conf, then SELECT pg_reload_conf\(\)/);
      assert.match(warnings[0]!, /VACUUM ANALYZE/);
    } else {
      assert.deepEqual(warnings, []);
    }
  });
});
