import type SQLite from 'better-sqlite3';

const MAX_STATEMENTS = 512;

/**
 * Kysely prepares every query anew; preparing costs as much as running a small one. Reusing the
 * statement for the same SQL text is safe because queries run to completion one at a time.
 */
export function cacheStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Refresh its place: the map's order is least recently used first.
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof sqlite.prepare;
}
