import type pg from 'pg';

/** How the server reads PostgreSQL's values: bigint columns hold epoch milliseconds, well inside Number's exact range. */
export const postgresTypes = (pgTypes: typeof pg.types) => ({
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pgTypes.getTypeParser(oid, format as 'text')),
});
