// The bench keeps its seeded fixture between runs; one that an earlier version made must get this
// version's migrations before the bench clears its writes from this version's tables.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { prepareFixture, type BenchFixture } from '../../bench/prepare.ts';
import { openStorage } from '../../src/storage/database.ts';
import { migrationProvider } from '../../src/storage/migrations/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-fixture-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const migrated = async (url: string): Promise<string[]> => {
  const storage = openStorage(url);
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(storage.db);
  await storage.close();
  return rows.map((r) => r.name);
};

test('a kept fixture from an earlier version is migrated when it is reused, not seeded again', async () => {
  // As a version from before the audit trail's daily counts left it: its database and its note.
  const url = join(dir, 'calls-100-messages-10.sqlite');
  const older = openStorage(url);
  const { error } = await new Migrator({ db: older.db, provider: migrationProvider }).migrateTo('0019-rare-rows-indexes');
  assert.equal(error, undefined);
  await older.close();
  const kept: BenchFixture = {
    database: 'SQLite', url, customerSid: `AC${'1'.repeat(32)}`, connectSid: `AC${'2'.repeat(32)}`, connectNumber: '+12125550199',
    developerToken: '0'.repeat(32), seededAt: 1, calls: 100, messages: 10, seedSeconds: 1, seedCpuSeconds: 1,
  };
  writeFileSync(join(dir, 'sqlite-100-10.json'), JSON.stringify(kept));
  assert.ok(!(await migrated(url)).includes('0020-connect-activity-daily'));

  const reused = await prepareFixture(dir, 'SQLite', 100, 10);
  assert.deepEqual(reused, kept, 'the kept fixture, not a new one');
  assert.deepEqual(await migrated(url), Object.keys(await migrationProvider.getMigrations()).sort(), 'every migration of this version has run');
});
