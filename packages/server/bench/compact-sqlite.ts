// A run's writes are deleted before the next figures (run.ts), but SQLite keeps the pages they took in
// the file, free for later writes: one full run left a seeded 834 MiB file at 3,228 MiB, three quarters
// of it free, and POST Messages on that file came to 0.96× the seeded file's rate (three interleaved
// pairs of fresh servers). VACUUM gives the seeded file back (about 9 s for that one), so that each
// run's figures start where the first run's did.
import { sql, type Kysely } from 'kysely';
import { pragma } from '../src/storage/bulk-load.ts';
import type { Database } from '../src/storage/schema.ts';

/** Free pages beyond this share of the file are given back. */
const MOST_FREE = 0.1;

/** Rewrites the SQLite file without its free pages when they are more than MOST_FREE of it; says so when it does. */
export async function compactSqlite(db: Kysely<Database>, say: (line: string) => void = console.log): Promise<boolean> {
  const free = await pragma(db, 'freelist_count');
  const pages = await pragma(db, 'page_count');
  if (free <= pages * MOST_FREE) return false;
  say(`  compacting the SQLite fixture: ${Math.round((100 * free) / pages)} % of its pages are free, left by earlier figures' writes…`);
  await sql`vacuum`.execute(db);
  return true;
}
