import { loadConfig } from '../config/config.ts';
import { openConfiguredDatabase } from '../config/open-database.ts';
import type { Storage } from '../storage/database.ts';

/** Opens and migrates the configured database for one CLI command, and always closes it. */
export async function withStorage<T>(db: string | undefined, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openConfiguredDatabase(loadConfig({ db }).databaseUrl);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

export const DB_OPTION = { db: { type: 'string' } } as const;
export const DB_HELP = '  --db URL        database (default: DATABASE_URL, else ./data/switchboard.sqlite)';
