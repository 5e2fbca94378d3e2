import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely begins SQLite transactions DEFERRED: a transaction that reads, then writes, takes the write
 * lock only at its first write, and if another process (the CLI beside a running server) committed in
 * between, SQLite answers SQLITE_BUSY at once, without waiting out the busy timeout. Every transaction
 * here may write, so each begins IMMEDIATE: it waits for the write lock first, then reads current data.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
