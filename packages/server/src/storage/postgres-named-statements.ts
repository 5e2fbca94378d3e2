import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements prepared per connection at most; SQL texts past it (rare shapes) run unnamed. */
const MAX_NAMED_PER_CONNECTION = 256;

const nameOf = (text: string): string => `s${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

/**
 * PostgreSQL parses and plans an unnamed statement on every query; a named one only on its first use on
 * a connection. node-postgres prepares a query given a name and reuses it on that connection, so each
 * distinct SQL text Kysely sends (as `query(text, values)`) is named by its hash: the same text has the
 * same name on every connection, and a name always stands for the same text.
 */
export function nameStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const named = new Set<string>();
    client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
      if (typeof text !== 'string' || !Array.isArray(values) || rest.length > 0) return query(text, values, ...rest);
      const name = nameOf(text);
      if (!named.has(name)) {
        if (named.size >= MAX_NAMED_PER_CONNECTION) return query({ text, values });
        named.add(name);
      }
      return query({ name, text, values });
    }) as typeof client.query;
  });
}
