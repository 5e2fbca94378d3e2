import type { Migration, MigrationProvider } from 'kysely';
import * as accountsAndConnect from './0001-accounts-and-connect.ts';

/** Migrations in order; the same set runs on SQLite and PostgreSQL. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts-and-connect': accountsAndConnect,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
