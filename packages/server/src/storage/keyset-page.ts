import type { SelectQueryBuilder } from 'kysely';

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

export interface KeysetOrder {
  created: string;
  key: string;
  order: 'asc' | 'desc';
}

/**
 * Keyset paging on (created, key): page N costs what page 1 costs, because the query seeks through
 * the index instead of skipping rows. One extra row is read to learn whether another page exists.
 */
export async function keysetPage<Row>(
  query: SelectQueryBuilder<any, any, Row>,
  { created, key, order }: KeysetOrder,
  { pageSize, cursor, offset = 0 }: PageQuery,
): Promise<PageRows<Row>> {
  const forward = cursor === null || cursor.direction === 'after';
  const ascending = (order === 'asc') === forward;
  let q = query;
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple(created, key), ascending ? '>' : '<', eb.tuple(cursor.created, cursor.key)));
  }
  const direction = ascending ? 'asc' : 'desc';
  let ordered = q.orderBy(created, direction).orderBy(key, direction).limit(pageSize + 1);
  const skip = cursor === null ? offset : 0;
  if (skip > 0) ordered = ordered.offset(skip);
  const fetched = (await ordered.execute()) as Row[];
  const more = fetched.length > pageSize;
  const rows = more ? fetched.slice(0, pageSize) : fetched;
  if (!forward) rows.reverse();
  return { rows, hasNext: forward ? more : true, hasPrevious: forward ? cursor !== null || skip > 0 : more };
}
