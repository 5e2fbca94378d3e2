import { CompiledQuery, type Kysely } from 'kysely';
import type { TableName } from './freshness.ts';
import { insertTogether, withoutUndefined, type GroupedRows } from './grouped-rows.ts';
import { beginCopyingThenReadXid, CopyFeed, copyRows, copyStatement } from './postgres-copy.ts';
import type { Database } from './schema.ts';

const shapeOf = (row: object): string => Object.keys(withoutUndefined(row)).join(',');

/**
 * A group of creates on PostgreSQL whose transaction is under way while the group still gathers. Its
 * first create sends BEGIN and its table's COPY, with a read of the transaction's id behind it, in one
 * message; the server has them ready while the event loop makes the other creates. Once closed, the
 * group's rows follow in one write, rows for other tables go in, and it commits: two round trips after
 * the last create, where a group sent whole then waited on BEGIN, the COPY's start, its end, the id's
 * read and the COMMIT, one after another.
 */
export class GatheringGroup<Member extends { rows: GroupedRows }> {
  readonly members: Member[] = [];
  readonly #feed = new CopyFeed();
  readonly #table: TableName;
  readonly #columns: string[];
  readonly #shape: string;
  /** Each member's rows that do not go through the COPY, in that member's order. */
  readonly #later: GroupedRows[] = [];
  readonly #closed: Promise<void>;
  #close!: () => void;
  /** True once every member's rows are committed; false if the group failed and wrote nothing. */
  readonly committed: Promise<boolean>;

  /** `first` adds at least one row: its first table with rows is the COPY's. */
  constructor(db: Kysely<Database>, first: Member) {
    const [table, rows] = first.rows.find(([, rows]) => rows.length > 0)!;
    this.#table = table;
    this.#columns = Object.keys(withoutUndefined(rows[0]!));
    this.#shape = this.#columns.join(',');
    this.#closed = new Promise((resolve) => (this.#close = resolve));
    this.add(first);
    this.committed = this.#commit(db);
  }

  get size(): number {
    return this.members.length;
  }

  add(member: Member): void {
    this.members.push(member);
    // Rows go through the COPY only when its table is the first this member adds rows to (its other
    // rows may refer to them), all with the COPY's columns; the rest follow the COPY in their order.
    let copied = false;
    const rest: (readonly [TableName, readonly object[]])[] = [];
    for (const entry of member.rows) {
      const [table, rows] = entry;
      if (rows.length === 0) continue;
      if (!copied && rest.length === 0 && table === this.#table && rows.every((row) => shapeOf(row) === this.#shape)) {
        this.#feed.write(copyRows(rows, this.#columns));
        copied = true;
      } else rest.push(entry);
    }
    if (rest.length > 0) this.#later.push(rest);
  }

  /** No more members: the rows go and the group commits. */
  close(): void {
    this.#feed.end();
    this.#close();
  }

  async #commit(db: Kysely<Database>): Promise<boolean> {
    let committed = true;
    try {
      await db.connection().execute(async (connection) => {
        try {
          await connection.executeQuery(CompiledQuery.raw(beginCopyingThenReadXid(copyStatement(this.#table, this.#columns)), [this.#feed]));
          await this.#closed;
          if (this.#later.length > 0) await insertTogether(connection, this.#later);
          await connection.executeQuery(CompiledQuery.raw('commit'));
        } catch (error) {
          this.#feed.end();
          await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
          throw error;
        }
      });
    } catch {
      committed = false;
    }
    // Members that join after a failure are written alone with the rest, once none can join.
    await this.#closed;
    return committed;
  }
}
