// SQLite's plan for a query the server sends, read with EXPLAIN QUERY PLAN: what tests of its indexes assert on.
import assert from 'node:assert/strict';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../src/storage/schema.ts';

/** The plan of one compiled query, a line per step. */
export async function planOfQuery(db: Kysely<Database>, query: CompiledQuery): Promise<string> {
  const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
  return rows.map((r) => r.detail).join('\n');
}

/**
 * The plan of the one query `run` sends through `db`: a builder's as Kysely compiles it (a plugin sees
 * it then), one compiled beforehand as it is sent (`executeQuery`, which plugins do not see). A query
 * compiled from a builder and then sent through `executeQuery` is seen twice, and counted once.
 */
export async function planOf(db: Kysely<Database>, run: (db: Kysely<Database>) => Promise<unknown>): Promise<string> {
  const sent: CompiledQuery[] = [];
  const note = (query: CompiledQuery) => {
    const last = sent.at(-1);
    if (last?.sql !== query.sql || JSON.stringify(last.parameters) !== JSON.stringify(query.parameters)) sent.push(query);
  };
  const plugged = db.withPlugin({
    transformQuery: ({ node, queryId }) => {
      note(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  });
  const capturing = new Proxy(plugged, {
    get(target, property) {
      if (property === 'executeQuery') return (query: CompiledQuery) => (note(query), target.executeQuery(query));
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await run(capturing);
  assert.equal(sent.length, 1, 'the page is one query');
  return planOfQuery(db, sent[0]!);
}
