import { CompiledQuery, type Kysely } from 'kysely';
import type { TableName } from './freshness.ts';
import { withoutUndefined, type GroupedRows } from './grouped-rows.ts';
import { copyInOwnTransaction, CopyFeed, copyRows, copyStatement } from './postgres-copy.ts';
import type { Database } from './schema.ts';

const shapeOf = (row: object): string => Object.keys(withoutUndefined(row)).join(',');

/** The one table `rows` add to, and their columns, when all of them are for one table with the same columns. */
function copyable(rows: GroupedRows): { table: TableName; shape: string } | undefined {
  let found: { table: TableName; shape: string } | undefined;
  for (const [table, added] of rows) {
    for (const row of added) {
      const shape = shapeOf(row);
      if (found === undefined) found = { table, shape };
      else if (found.table !== table || found.shape !== shape) return undefined;
    }
  }
  return found;
}

/**
 * A group of creates on PostgreSQL whose transaction is under way while the group still gathers. Its
 * first create sends, in one message, BEGIN, a read of the transaction's id, its table's COPY and the
 * COMMIT (`copyInOwnTransaction`); the server has them ready while the event loop makes the other
 * creates. Once closed, the group's rows follow in one write, and the server copies and commits them:
 * one round trip after the last create, where a group sent whole waited on BEGIN, the COPY's start,
 * its end, the id's read and the COMMIT, one after another. It takes the creates whose rows all go to
 * the first one's table with the same columns; others are written by the merged path (group-commit.ts).
 */
export class GatheringGroup<Member extends { rows: GroupedRows }> {
  readonly members: Member[] = [];
  readonly #feed = new CopyFeed();
  readonly #table: TableName;
  readonly #columns: string[];
  readonly #shape: string;
  readonly #closed: Promise<void>;
  #close!: () => void;
  /** True once every member's rows are committed; false if the group failed and wrote nothing. */
  readonly committed: Promise<boolean>;

  /** Whether a create adding `rows` can start a group: they are all for one table, with the same columns. */
  static canStart(rows: GroupedRows): boolean {
    return copyable(rows) !== undefined;
  }

  /** `first` can start a group (`canStart`). */
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

  /** Whether a create adding `rows` can join: they all go through this group's COPY. */
  takes(rows: GroupedRows): boolean {
    const found = copyable(rows);
    return found !== undefined && found.table === this.#table && found.shape === this.#shape;
  }

  /** Adds a member the group `takes`. */
  add(member: Member): void {
    this.members.push(member);
    for (const [, rows] of member.rows) if (rows.length > 0) this.#feed.write(copyRows(rows, this.#columns));
  }

  /** No more members: the rows go, and the server copies and commits them. */
  close(): void {
    this.#feed.end();
    this.#close();
  }

  async #commit(db: Kysely<Database>): Promise<boolean> {
    let committed = true;
    try {
      await db.connection().execute(async (connection) => {
        try {
          await connection.executeQuery(CompiledQuery.raw(copyInOwnTransaction(copyStatement(this.#table, this.#columns)), [this.#feed]));
        } catch (error) {
          this.#feed.end();
          // A failed COPY leaves its transaction open and aborted; after a failed COMMIT there is none, and this only warns.
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
