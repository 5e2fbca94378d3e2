import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { postgresSnapshots } from '../../src/storage/postgres-snapshot.ts';
import { asArrivingRequest } from '../../src/storage/request-arrival.ts';
import { createPostgresDatabase } from '../support/databases.ts';

// The snapshot that freshness tokens are made of (freshness.ts), on a real PostgreSQL server.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let queries = 0;
/** A client that counts the snapshots it reads. */
class CountingClient extends pg.Client {
  constructor(config: pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      queries++;
      return query(...args);
    }) as pg.Client['query'];
  }
}
let snapshots: ReturnType<typeof postgresSnapshots>;

before(async () => {
  database = await createPostgresDatabase();
  snapshots = postgresSnapshots(database.url, CountingClient as typeof pg.Client);
  await snapshots.read();
});
after(async () => {
  await snapshots.close();
  await database.drop();
});

test("a request's reads share a snapshot read after it arrived; a request arriving later reads its own", async () => {
  const before = queries;
  await asArrivingRequest(async () => {
    await snapshots.read();
    // Another request arrives now: the snapshot read so far may be older than it.
    const later = asArrivingRequest(() => snapshots.read());
    await snapshots.read();
    await later;
  });
  assert.equal(queries - before, 2, 'one snapshot for the first request, one for the request after it, which the first shares too');
});

test('outside a request, each read waits for a snapshot begun after it asked', async () => {
  const before = queries;
  await snapshots.read();
  await snapshots.read();
  assert.equal(queries - before, 2);
});

test('a commit made before a request arrived is in the snapshot its reads share', async () => {
  const writer = new pg.Client({ connectionString: database.url });
  await writer.connect();
  try {
    const before = await asArrivingRequest(() => snapshots.read());
    await writer.query('create table t (x int)');
    const after = await asArrivingRequest(() => snapshots.read());
    assert.notEqual(after, before);
  } finally {
    await writer.end();
  }
});
