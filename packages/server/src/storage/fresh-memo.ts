import type { Kysely } from 'kysely';
import { freshnessOf, type TableName } from './freshness.ts';
import type { Database } from './schema.ts';

export type FreshMemo<V> = (db: Kysely<Database>, key: string) => Promise<V>;

/**
 * Remembers what `load` read for a key while none of `tables` has been written (freshness.ts), in this
 * process or any other: a lookup made on every request (credentials, clocks, injected faults) costs a
 * map lookup until something it reads changes. The requests that find the same key stale at the same
 * token share one load, so a write does not send every request in flight to the database. A load that
 * throws is not remembered. Inside a transaction every call loads.
 */
export function freshMemo<V>(tables: readonly TableName[], load: (db: Kysely<Database>, key: string) => Promise<V>, maxEntries = 4096): FreshMemo<V> {
  const memos = new WeakMap<Kysely<Database>, Map<string, { token: string; value: Promise<V> }>>();
  return async (db, key) => {
    const freshness = freshnessOf(db);
    if (!freshness) return load(db, key);
    // Taken before reading: a write that lands while `load` runs leaves the entry already stale.
    const token = await freshness.token(tables);
    let memo = memos.get(db);
    if (!memo) memos.set(db, (memo = new Map()));
    const known = memo.get(key);
    if (known && known.token === token) return known.value;
    const entry = { token, value: load(db, key) };
    memo.delete(key);
    memo.set(key, entry);
    if (memo.size > maxEntries) memo.delete(memo.keys().next().value!);
    entry.value.catch(() => {
      if (memo.get(key) === entry) memo.delete(key);
    });
    return entry.value;
  };
}
