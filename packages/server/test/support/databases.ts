import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';

/** PostgreSQL for tests; each suite gets its own database, dropped afterwards. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'SQLite' | 'PostgreSQL';
  /** Valid once the suite's `before` hooks have run. */
  url: string;
}

export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is needed for this test and is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). Start it, or set TEST_POSTGRES_URL.`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Runs the same suite on SQLite (a fresh in-memory database) and on PostgreSQL (a fresh database). */
export function onEachDatabase(title: string, suite: (database: TestDatabase) => void): void {
  describe(`${title} (SQLite)`, () => {
    suite({ name: 'SQLite', url: ':memory:' });
  });
  describe(`${title} (PostgreSQL)`, () => {
    const database: TestDatabase = { name: 'PostgreSQL', url: '' };
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      const created = await createPostgresDatabase();
      database.url = created.url;
      drop = created.drop;
    });
    suite(database);
    after(async () => {
      await drop?.();
    });
  });
}
