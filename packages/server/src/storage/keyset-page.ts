import type { CompiledQuery, Kysely, SelectQueryBuilder } from 'kysely';
import { dialectOf } from './dialect-of.ts';
import { receivedItems } from './page-bytes.ts';
import { pageReaderOf } from './page-reader.ts';

/** Where a page starts: after the last row of the previous page, or before the first row of the next. */
export interface Cursor {
  direction: 'after' | 'before';
  created: number;
  key: string;
}

export interface PageQuery {
  pageSize: number;
  cursor: Cursor | null;
  /** Rows to skip from the start, for legacy `Page` paging without a cursor. */
  offset?: number;
}

export interface PageRows<Row> {
  rows: Row[];
  hasNext: boolean;
  hasPrevious: boolean;
}

/** A page by its ends, all its paging fields need: its first and last rows, and how many it has. */
export interface PageEnds<Row> {
  first: Row | undefined;
  last: Row | undefined;
  count: number;
  hasNext: boolean;
  hasPrevious: boolean;
}

export const endsOf = <Row>({ rows, hasNext, hasPrevious }: PageRows<Row>): PageEnds<Row> => ({ first: rows[0], last: rows[rows.length - 1], count: rows.length, hasNext, hasPrevious });

export interface KeysetOrder {
  created: string;
  key: string;
  order: 'asc' | 'desc';
}

/** Which way one page reads the index, what it binds past the list's own filters, and how its rows become the page. */
function pagePlan<Row>({ order }: KeysetOrder, { pageSize, cursor, offset = 0 }: PageQuery) {
  const forward = cursor === null || cursor.direction === 'after';
  const ascending = (order === 'asc') === forward;
  const direction = ascending ? 'asc' : 'desc';
  const skip = cursor === null ? offset : 0;
  const bound = [...(cursor ? [cursor.created, cursor.key] : []), pageSize + 1, ...(skip > 0 ? [skip] : [])];
  const shape = `${cursor ? 'cursor' : 'start'} ${direction}${skip > 0 ? ' offset' : ''}`;
  const toPage = (fetched: Row[]): PageRows<Row> => {
    const more = fetched.length > pageSize;
    const rows = more ? fetched.slice(0, pageSize) : fetched;
    if (!forward) rows.reverse();
    return { rows, ...flags(more) };
  };
  /** Whether there are pages after and before this one, given whether the query found a row past it. */
  const flags = (more: boolean) => ({ hasNext: forward ? more : true, hasPrevious: forward ? cursor !== null || skip > 0 : more });
  return { ascending, direction, skip, bound, shape, forward, toPage, flags } as const;
}

function orderedQuery<Row>(query: SelectQueryBuilder<any, any, Row>, { created, key }: KeysetOrder, { pageSize, cursor }: PageQuery, plan: Pick<ReturnType<typeof pagePlan>, 'ascending' | 'direction' | 'skip'>) {
  let q = query;
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple(created, key), plan.ascending ? '>' : '<', eb.tuple(cursor.created, cursor.key)));
  }
  const ordered = q.orderBy(created, plan.direction).orderBy(key, plan.direction).limit(pageSize + 1);
  return plan.skip > 0 ? ordered.offset(plan.skip) : ordered;
}

/**
 * Keyset paging on (created, key): page N costs what page 1 costs, because the query seeks through
 * the index instead of skipping rows. One extra row is read to learn whether another page exists.
 */
export async function keysetPage<Row>(query: SelectQueryBuilder<any, any, Row>, order: KeysetOrder, page: PageQuery): Promise<PageRows<Row>> {
  const plan = pagePlan<Row>(order, page);
  return plan.toPage((await orderedQuery(query, order, page, plan).execute()) as Row[]);
}

/** A list query named by its shape (which filters it has), with the values its filters bind in SQL order. */
export interface ShapedQuery<Row> {
  shape: string;
  parameters: readonly unknown[];
  /**
   * Whatever values it binds, one index serves it best: the list's own (account and order) or one that
   * adds the query's single equality filter. A page reader on PostgreSQL then plans it once per
   * connection (reading-connection.ts). A range, or two filters that could each pick an index, is
   * planned for each page's values.
   */
  onePlan?: boolean;
  build(): SelectQueryBuilder<any, any, Row>;
}

const compiledPages = new Map<string, CompiledQuery>();

/** The shaped query's SQL for this page, compiled once per shape; and the values it binds. */
function compiledPage<Row>(db: Kysely<any>, query: ShapedQuery<Row>, order: KeysetOrder, page: PageQuery, plan: ReturnType<typeof pagePlan<Row>>) {
  const parameters = [...query.parameters, ...plan.bound];
  const shape = `${dialectOf(db)} ${query.shape} ${order.created},${order.key} ${plan.shape}`;
  let compiled = compiledPages.get(shape);
  if (!compiled) {
    compiled = orderedQuery(query.build(), order, page, plan).compile();
    if (compiled.parameters.length !== parameters.length || compiled.parameters.some((value, i) => value !== parameters[i])) {
      throw new Error(`The values given for the list query '${shape}' are not the ones its SQL binds.`);
    }
    compiledPages.set(shape, compiled);
  }
  return { ...compiled, parameters };
}

/**
 * keysetPage for the hottest lists: building and compiling a query through Kysely costs more than
 * SQLite takes to answer it, so each shape is compiled once (per database kind) and then run with
 * the request's values. The first compile checks that the values given are the ones the SQL binds.
 */
export async function shapedKeysetPage<Row>(db: Kysely<any>, query: ShapedQuery<Row>, order: KeysetOrder, page: PageQuery): Promise<PageRows<Row>> {
  const plan = pagePlan<Row>(order, page);
  const { rows } = await db.executeQuery<Row>(compiledPage(db, query, order, page, plan));
  return plan.toPage(rows);
}

/**
 * A page's rows as its list's JSON items at the request's instant `now` (a message's status follows
 * from the clock): `name` is how a page reader in a worker thread knows it (page-items.ts).
 */
export interface PageItems<Row> {
  name: string;
  json(rows: readonly Row[], now: number): string[];
  /** One row's item, as `json` writes it. */
  item(row: Row, now: number): string;
  /** When what the items show of `rows` next changes with no write (null: not before a write); left out, never. */
  seenChangeAt?(rows: readonly Row[], now: number): number | null;
}

/** A row's place in a list ordered by creation, ties broken by SID: all a page's links need of it. */
export interface PageKey {
  date_created: number;
  sid: string;
}

/**
 * A page of a shaped query as its items' JSON, with only its ends' keys: read and written out by the
 * database's page reader (page-reader.ts) off the event loop when it has one, here otherwise.
 * A reader that fails answers nothing wrong: the page is read here instead.
 */
export async function shapedKeysetItems<Row extends PageKey>(
  db: Kysely<any>,
  query: ShapedQuery<Row>,
  order: KeysetOrder & { created: 'date_created'; key: 'sid' },
  page: PageQuery,
  items: PageItems<Row>,
  now: number,
): Promise<{ result: PageEnds<PageKey>; items: string[] | Buffer; seenChangeAt: number | null }> {
  const plan = pagePlan<Row>(order, page);
  const compiled = compiledPage(db, query, order, page, plan);
  const reader = pageReaderOf(db);
  if (reader) {
    const read = await reader.read({ sql: compiled.sql, parameters: compiled.parameters, pageSize: page.pageSize, reverse: !plan.forward, items: items.name, onePlan: query.onePlan ?? false, now });
    if (read) {
      const result = { first: read.first, last: read.last, count: read.count, ...plan.flags(read.more) };
      return { result, items: receivedItems(read.items, read.giveBack), seenChangeAt: read.seenChangeAt };
    }
  }
  const { rows } = await db.executeQuery<Row>(compiled);
  const result = plan.toPage(rows);
  return { result: endsOf(result), items: items.json(result.rows, now), seenChangeAt: items.seenChangeAt?.(result.rows, now) ?? null };
}
