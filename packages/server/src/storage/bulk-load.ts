import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of.ts';
import type { Database } from './schema.ts';

/** Page cache while loading: enough to keep the primary keys' B-trees of a million rows in memory. */
const LOAD_CACHE_KIB = 256 * 1024;

interface SecondaryIndex {
  name: string;
  sql: string;
}

/** Indexes that no constraint needs (not primary keys, not UNIQUE), with the statements that create them. */
const secondaryIndexes = async (db: Kysely<Database>, tables: readonly string[]): Promise<SecondaryIndex[]> =>
  (dialectOf(db) === 'sqlite'
    ? await sql<SecondaryIndex>`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)}) order by name`.execute(db)
    : await sql<SecondaryIndex>`select indexname as name, indexdef as sql from pg_indexes i where schemaname = current_schema() and tablename in (${sql.join(tables)})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname) order by indexname`.execute(db)
  ).rows;

/** Drops the indexes, runs the work, and creates them again, all in the transaction `trx`. */
async function withoutIndexes<T>(trx: Kysely<Database>, indexes: readonly SecondaryIndex[], work: () => Promise<T>): Promise<T> {
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  const result = await work();
  for (const index of indexes) await sql.raw(index.sql).execute(trx);
  return result;
}

/** A numeric SQLite setting or count, as the connection has it now. */
export const pragma = async (db: Kysely<Database>, name: 'synchronous' | 'cache_size' | 'temp_store' | 'page_size' | 'page_count' | 'freelist_count'): Promise<number> =>
  Number(Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(db)).rows[0]!)[0]);

/**
 * Runs a large load in one transaction — it lands whole or not at all, and each page of the primary
 * key's B-tree is written once rather than once per commit. On SQLite, also at disk speed: `synchronous`
 * off (a killed process still rolls the load back cleanly; only an OS crash or power loss during the
 * load could damage the file), a page cache
 * large enough to hold the primary keys of a million rows, and, with `rebuildIndexes`, the tables'
 * secondary indexes dropped and built again at the end of the same transaction — sorting a million keys
 * once is far cheaper than inserting them one by one into eight B-trees. The settings are restored
 * afterwards, also on failure. On PostgreSQL, the same transaction and index rebuild.
 */
export async function withBulkLoad<T>(
  db: Kysely<Database>,
  options: { tables: readonly string[]; rebuildIndexes: boolean },
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    return db.transaction().execute(async (trx) => {
      // Memory for sorting the index keys when they are built again.
      await sql.raw(`set local maintenance_work_mem = '256MB'`).execute(trx);
      const indexes = options.rebuildIndexes ? await secondaryIndexes(trx, options.tables) : [];
      return withoutIndexes(trx, indexes, () => work(trx));
    });
  }
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
      return withoutIndexes(trx, indexes, () => work(trx));
    });
  } finally {
    await sql.raw(`pragma synchronous = ${synchronous}`).execute(db);
    await sql.raw(`pragma cache_size = ${cacheSize}`).execute(db);
    await sql.raw(`pragma temp_store = ${tempStore}`).execute(db);
  }
}
