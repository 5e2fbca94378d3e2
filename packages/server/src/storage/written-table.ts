import type { CompiledQuery, OperationNode, QueryResult } from 'kysely';
import { copiedTable } from './postgres-copy.ts';

/** Every table: what a write whose table cannot be told (DDL, unusual raw SQL) may have changed. */
export const ANY_TABLE = '*';

const RAW_WRITE = /^\s*(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i;
/** Raw statements that change no rows: reads, transaction control, planner statistics. */
const RAW_HARMLESS = /^\s*(?:select|with\s[\s\S]*\bselect\b[\s\S]*$|begin|commit|rollback|savepoint|release|pragma|analyze|explain|set\s|show\s|listen|unlisten|notify)/i;

const tableName = (node: OperationNode | undefined): string => {
  if (node?.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  if (node?.kind === 'TableNode') return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  return ANY_TABLE;
};

/**
 * The table a query writes, `ANY_TABLE` when it writes something that cannot be named, or null for a
 * query that writes nothing. Built queries say so in their node; raw SQL (bulk inserts, migrations) by its text.
 */
export function writtenTable(query: CompiledQuery): string | null {
  const node = query.query as OperationNode & Record<string, unknown>;
  switch (node.kind) {
    case 'SelectQueryNode':
      return null;
    case 'InsertQueryNode':
    case 'MergeQueryNode':
      return tableName(node.into as OperationNode);
    case 'UpdateQueryNode':
      return tableName(node.table as OperationNode);
    case 'DeleteQueryNode':
      return tableName((node.from as { froms?: OperationNode[] } | undefined)?.froms?.[0]);
    default: {
      const match = RAW_WRITE.exec(query.sql);
      if (match) return match[1]!;
      const copied = copiedTable(query.sql);
      if (copied !== undefined) return copied;
      return RAW_HARMLESS.test(query.sql) ? null : ANY_TABLE;
    }
  }
}

/** Whether a write changed anything: a write that matched no row (an idle poll) invalidates nothing. */
export const changedRows = (result: QueryResult<unknown>): boolean =>
  result.numAffectedRows === undefined ? result.rows.length > 0 || result.insertId !== undefined : result.numAffectedRows > 0n || result.rows.length > 0;
