import type { Kysely } from 'kysely';
import { freshnessOf, type TableName } from './freshness.ts';
import type { Database } from './schema.ts';

/** Distinct answers kept per database; past it the oldest go. */
const MAX_ENTRIES = 10_000;

interface Generation<V> {
  token: string;
  answers: Map<string, Promise<V>>;
}

/**
 * Wraps `read` (which reads only `tables`) so that its answers are reused while the freshness token
 * of those tables stays the one taken before they were read: a write to them, by this process or any
 * other, makes the next call read again. Inside a transaction it always reads, so that a transaction
 * sees its own writes. Answers are shared between callers: they must not be changed.
 */
export function cachedReads<A extends unknown[], V>(
  tables: readonly TableName[],
  keyOf: (...args: A) => string,
  read: (db: Kysely<Database>, ...args: A) => Promise<V>,
): (db: Kysely<Database>, ...args: A) => Promise<V> {
  const generations = new WeakMap<Kysely<Database>, Generation<V>>();
  return async (db, ...args) => {
    if (db.isTransaction) return read(db, ...args);
    const token = await freshnessOf(db).token(tables);
    let generation = generations.get(db);
    if (generation?.token !== token) generations.set(db, (generation = { token, answers: new Map() }));
    const key = keyOf(...args);
    const cached = generation.answers.get(key);
    if (cached) return cached;
    const answer = read(db, ...args);
    const { answers } = generation;
    answers.set(key, answer);
    if (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value!);
    // A failed read is not an answer: the next caller tries again.
    answer.catch(() => answers.get(key) === answer && answers.delete(key));
    return answer;
  };
}
