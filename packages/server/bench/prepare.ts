import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { grantAccess } from '../src/connect/grant-access.ts';
import { createAppFor } from '../src/connect/create-connect-app.ts';
import { migrateToLatest, openStorage } from '../src/storage/database.ts';
import { createAccount } from '../src/storage/repositories/accounts.ts';
import { ensureOwnedNumbers } from '../src/telephony/seed/numbers.ts';
import { progressBar } from '../src/telephony/seed/progress.ts';
import { seedAccount } from '../src/telephony/seed/seed-account.ts';

export interface BenchFixture {
  dbFile: string;
  customerSid: string;
  connectSid: string;
  connectNumber: string;
  developerToken: string;
  seededAt: number;
}

/**
 * A database with one customer holding `calls` seeded calls and a Connect App authorized on it.
 * Seeding a million calls takes minutes, so the file is kept under data/bench/ and reused.
 */
export async function prepareFixture(dir: string, calls: number): Promise<BenchFixture> {
  const dbFile = `${dir}/calls-${calls}.sqlite`;
  const metaFile = `${dbFile}.json`;
  if (existsSync(dbFile) && existsSync(metaFile)) return JSON.parse(readFileSync(metaFile, 'utf8')) as BenchFixture;

  const building = `${dbFile}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const storage = openStorage(building);
  await migrateToLatest(storage.db);
  const now = Date.now();
  const developer = await createAccount(storage.db, { friendlyName: 'Bench Developer', type: 'Full', parentSid: null, now });
  const customer = await createAccount(storage.db, { friendlyName: 'Bench Customer', type: 'Full', parentSid: null, now });
  const app = await createAppFor(storage.db, developer, {
    friendly_name: 'Bench Analytics', company_name: 'Bench', authorize_redirect_url: 'https://bench.example.com/authorize', permissions: 'get-all,post-all',
  }, now);
  const grant = await grantAccess(storage.db, { connectAppSid: app.sid, accountSid: customer.sid, now });
  const [connectNumber] = await ensureOwnedNumbers(storage.db, grant.subaccount_sid, 1, now);
  const bar = progressBar('seeding calls', calls);
  await seedAccount(storage.db, { accountSid: customer.sid, calls, messages: 0, days: 90, seed: 1, now, onProgress: (_, done) => bar.update(done) });
  bar.done();
  await storage.close();
  renameSync(building, dbFile);
  const fixture: BenchFixture = {
    dbFile, customerSid: customer.sid, connectSid: grant.subaccount_sid, connectNumber: connectNumber!, developerToken: developer.auth_token, seededAt: now,
  };
  writeFileSync(metaFile, JSON.stringify(fixture, null, 2));
  return fixture;
}
