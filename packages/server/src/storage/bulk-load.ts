import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of.ts';
import type { Database } from './schema.ts';

/** Page cache while loading: enough to keep the primary keys' B-trees of a million rows in memory. */
const LOAD_CACHE_KIB = 256 * 1024;

interface SecondaryIndex {
  name: string;
  sql: string;
}

const secondaryIndexes = async (db: Kysely<Database>, tables: readonly string[]): Promise<SecondaryIndex[]> =>
  (
    await sql<SecondaryIndex>`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)}) order by name`.execute(db)
  ).rows;

const pragma = async (db: Kysely<Database>, name: 'synchronous' | 'cache_size' | 'temp_store'): Promise<number> =>
  Number(Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(db)).rows[0]!)[0]);

/**
 * Runs a large load in one transaction — it lands whole or not at all, and each page of the primary
 * key's B-tree is written once rather than once per commit. On SQLite, also at disk speed: `synchronous`
 * off (a crash may lose the load, never corrupt the database: the WAL keeps it consistent), a page cache
 * large enough to hold the primary keys of a million rows, and, with `rebuildIndexes`, the tables'
 * secondary indexes dropped and built again at the end of the same transaction — sorting a million keys
 * once is far cheaper than inserting them one by one into eight B-trees. The settings are restored
 * afterwards, also on failure.
 */
export async function withBulkLoad<T>(
  db: Kysely<Database>,
  options: { tables: readonly string[]; rebuildIndexes: boolean },
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialectOf(db) !== 'sqlite') return db.transaction().execute(work);
  const synchronous = await pragma(db, 'synchronous');
  const cacheSize = await pragma(db, 'cache_size');
  const tempStore = await pragma(db, 'temp_store');
  await sql.raw('pragma synchronous = off').execute(db);
  await sql.raw(`pragma cache_size = -${LOAD_CACHE_KIB}`).execute(db);
  // Building an index sorts its keys: in memory rather than through temporary files.
  await sql.raw('pragma temp_store = memory').execute(db);
  try {
    return await db.transaction().execute(async (trx) => {
      const indexes = options.rebuildIndexes ? await secondaryIndexes(trx, options.tables) : [];
      for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx);
      const result = await work(trx);
      for (const index of indexes) await sql.raw(index.sql).execute(trx);
      return result;
    });
  } finally {
    await sql.raw(`pragma synchronous = ${synchronous}`).execute(db);
    await sql.raw(`pragma cache_size = ${cacheSize}`).execute(db);
    await sql.raw(`pragma temp_store = ${tempStore}`).execute(db);
  }
}
