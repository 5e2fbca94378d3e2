import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { grantAccess } from '../src/connect/grant-access.ts';
import { createAppFor } from '../src/connect/create-connect-app.ts';
import { migrateToLatest, openStorage } from '../src/storage/database.ts';
import { createAccount } from '../src/storage/repositories/accounts.ts';
import { ensureOwnedNumbers } from '../src/telephony/seed/numbers.ts';
import { progressBar } from '../src/telephony/seed/progress.ts';
import { seedAccount } from '../src/telephony/seed/seed-account.ts';

export type BenchDatabase = 'SQLite' | 'PostgreSQL';

export interface BenchFixture {
  database: BenchDatabase;
  url: string;
  customerSid: string;
  connectSid: string;
  connectNumber: string;
  developerToken: string;
  seededAt: number;
  calls: number;
  messages: number;
  /** Wall-clock and CPU seconds seeding the calls and messages took, up to the closed database, when the fixture was built. */
  seedSeconds: number;
  seedCpuSeconds: number;
}

/** PostgreSQL for the bench: the server the tests use, a database of its own that is kept between runs. */
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function recreatePostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`The PostgreSQL figures need a server at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). Start it, set BENCH_POSTGRES_URL, or run with BENCH_DATABASES=sqlite.`);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * VACUUM after the load, outside the seeding's timing: it sets the hint bits and visibility map of a
 * million fresh rows, which the first figures' reads would otherwise write while they are measured.
 */
async function settlePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM (ANALYZE)');
  await client.end();
}

/**
 * A kept fixture that an earlier version of Switchboard made gets this version's migrations before the
 * bench clears its writes (which touch this version's tables) or starts a server on it.
 */
async function migrateKept(url: string): Promise<void> {
  const storage = openStorage(url);
  try {
    await migrateToLatest(storage.db);
  } finally {
    await storage.close();
  }
}

/**
 * A database with one customer holding `calls` seeded calls and `messages` messages, and a Connect App
 * authorized on it. Seeding a million calls takes a while, so the database is kept (a file under
 * data/bench/, or a PostgreSQL database named after the sizes) with a JSON note of its SIDs, and reused.
 */
export async function prepareFixture(dir: string, database: BenchDatabase, calls: number, messages: number): Promise<BenchFixture> {
  const name = `switchboard_bench_${calls}_${messages}`;
  const metaFile = `${dir}/${database === 'SQLite' ? 'sqlite' : 'postgres'}-${calls}-${messages}.json`;
  const dbFile = `${dir}/calls-${calls}-messages-${messages}.sqlite`;
  if (existsSync(metaFile) && (database === 'PostgreSQL' || existsSync(dbFile))) {
    const kept = JSON.parse(readFileSync(metaFile, 'utf8')) as BenchFixture;
    await migrateKept(kept.url);
    return kept;
  }

  const building = `${dbFile}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const url = database === 'SQLite' ? building : await recreatePostgresDatabase(name);
  const storage = openStorage(url);
  await migrateToLatest(storage.db);
  const now = Date.now();
  const developer = await createAccount(storage.db, { friendlyName: 'Bench Developer', type: 'Full', parentSid: null, now });
  const customer = await createAccount(storage.db, { friendlyName: 'Bench Customer', type: 'Full', parentSid: null, now });
  const app = await createAppFor(storage.db, developer, {
    friendly_name: 'Bench Analytics', company_name: 'Bench', authorize_redirect_url: 'https://bench.example.com/authorize', permissions: 'get-all,post-all',
  }, now);
  const grant = await grantAccess(storage.db, { connectAppSid: app.sid, accountSid: customer.sid, now });
  const [connectNumber] = await ensureOwnedNumbers(storage.db, grant.subaccount_sid, 1, now);
  const bars = { calls: progressBar(`seeding calls (${database})   `, calls), messages: progressBar(`seeding messages (${database})`, messages) };
  const started = Date.now();
  const cpu = process.cpuUsage();
  await seedAccount(storage.db, { accountSid: customer.sid, calls, messages, days: 90, seed: 1, now, onProgress: (kind, done) => bars[kind].update(done) });
  bars.messages.done();
  // Closing checkpoints the write-ahead log into the database file: part of the load's cost.
  await storage.close();
  const seedSeconds = (Date.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (database === 'SQLite') renameSync(building, dbFile);
  else await settlePostgres(url);
  const fixture: BenchFixture = {
    database, url: database === 'SQLite' ? dbFile : url, customerSid: customer.sid, connectSid: grant.subaccount_sid, connectNumber: connectNumber!,
    developerToken: developer.auth_token, seededAt: now, calls, messages, seedSeconds, seedCpuSeconds: (used.user + used.system) / 1e6,
  };
  writeFileSync(metaFile, JSON.stringify(fixture, null, 2));
  return fixture;
}
