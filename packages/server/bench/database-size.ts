// How the fixture compares with the database's own cache: pages that all differ read rows from all over
// the calls table, so what the cache cannot hold comes from the OS page cache, a read at a time.
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { pragma } from '../src/storage/bulk-load.ts';
import { openStorage } from '../src/storage/database.ts';
import type { BenchFixture } from './prepare.ts';

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

export async function databaseSizeLine(fixture: BenchFixture): Promise<string> {
  const storage = openStorage(fixture.url);
  try {
    if (storage.dialect === 'postgres') {
      const { rows } = await sql<{ calls: string; buffers: string }>`
        select pg_total_relation_size('calls')::text as calls, current_setting('shared_buffers') as buffers`.execute(storage.db);
      return `- the calls table with its indexes: ${mib(Number(rows[0]!.calls))}; the server's shared_buffers: ${rows[0]!.buffers}`;
    }
    const cache = await pragma(storage.db, 'cache_size');
    // A negative cache_size is KiB; a positive one, pages.
    const cacheBytes = cache < 0 ? -cache * 1024 : cache * (await pragma(storage.db, 'page_size'));
    return `- the database file: ${mib(statSync(fixture.url).size)}; SQLite's page cache per connection: ${mib(cacheBytes)}`;
  } finally {
    await storage.close();
  }
}
