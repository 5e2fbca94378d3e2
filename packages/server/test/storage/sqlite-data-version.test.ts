import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { requestArrived } from '../../src/storage/sqlite-data-version.ts';

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process commits, while this one's event loop waits: nothing of it reaches this process as I/O. */
const commitElsewhere = (file: string, name: string): void => {
  const script = `const D = require(${JSON.stringify(driver)}); const db = new D(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000');
    db.prepare('update accounts set friendly_name = ?').run(${JSON.stringify(name)});`;
  execFileSync(process.execPath, ['-e', script]);
};

describe('SQLite freshness: data_version kept for one request', () => {
  let folder: string;
  let file: string;
  let storage: Storage;
  const token = () => storage.freshness.token(['accounts']) as string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'switchboard-data-version-'));
    file = join(folder, 'switchboard.db');
    storage = openStorage(file);
    await migrateToLatest(storage.db);
    await storage.db.insertInto('accounts').values({ sid: 'AC' + '1'.repeat(32), parent_sid: null, friendly_name: 'Kept', type: 'Full', status: 'active', auth_token: 'a'.repeat(32), date_created: 0, date_updated: 0 }).execute();
  });
  after(async () => {
    await storage.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test("another process's commit is seen by the first token after a request arrives", () => {
    const seen = token();
    commitElsewhere(file, 'first');
    assert.equal(token(), seen, 'within one request, without I/O, the value read for it is kept');
    requestArrived();
    assert.notEqual(token(), seen);
  });

  test("another process's commit is seen once the event loop moves on", async () => {
    const seen = token();
    commitElsewhere(file, 'second');
    await new Promise((resolve) => setImmediate(resolve));
    assert.notEqual(token(), seen);
  });

  test('a write through another connection of this process is seen at once', async () => {
    const other = openStorage(file);
    try {
      const seen = token();
      await other.db.updateTable('accounts').set({ friendly_name: 'Renamed elsewhere' }).execute();
      assert.notEqual(token(), seen);
    } finally {
      await other.close();
    }
  });
});
