import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements prepared per connection at most; SQL texts past it (rare shapes) run unnamed. */
export const MAX_NAMED_PER_CONNECTION = 256;

/** Names remembered for SQL texts: a name is a hash of the text, and hashing it on every query cost more than looking it up. */
const MAX_REMEMBERED_NAMES = 1024;
const names = new Map<string, string>();

/** The name a SQL text is prepared under on every connection. */
export const statementName = (text: string): string => {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_REMEMBERED_NAMES) names.clear();
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
};

/** A query as `query(text, values)` takes it, or as a config without a name or a callback (e.g. `{ text, values, rowMode }`). */
type Nameable = { text: string; values: unknown[] } & Record<string, unknown>;

function nameable(first: unknown, values: unknown, rest: readonly unknown[]): Nameable | null {
  if (rest.length > 0) return null;
  if (typeof first === 'string') return Array.isArray(values) ? { text: first, values } : null;
  if (values !== undefined || typeof first !== 'object' || first === null) return null;
  const config = first as Record<string, unknown>;
  const plain = typeof config.text === 'string' && Array.isArray(config.values) && config.name === undefined && config.callback === undefined && typeof config.submit !== 'function';
  return plain ? (config as Nameable) : null;
}

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
    client.query = ((first: unknown, values?: unknown, ...rest: unknown[]) => {
      const config = nameable(first, values, rest);
      if (!config) return query(first, values, ...rest);
      const name = statementName(config.text);
      if (!named.has(name)) {
        if (named.size >= MAX_NAMED_PER_CONNECTION) return query({ ...config });
        named.add(name);
      }
      return query({ ...config, name });
    }) as typeof client.query;
  });
}
