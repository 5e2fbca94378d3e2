import { migrateToLatest, openStorage, type Storage } from '../storage/database.ts';
import { ConfigError, redactUrl } from './config-error.ts';

const SETTING = 'DATABASE_URL (or --db)';

/** Errors that mean the configured database cannot be reached or written, not that Switchboard is broken. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '3D000', '28P01', '28000']);
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM']);

const codeOf = (error: unknown): string | undefined => {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
};

const rootMessage = (error: unknown): string => {
  let e = error as { message?: string; cause?: unknown };
  while (e.cause) e = e.cause as typeof e;
  return e.message ?? String(error);
};

function explain(url: string, error: unknown): Error {
  const code = codeOf(error);
  const postgres = /^postgres(ql)?:\/\//.test(url);
  if (postgres && code && UNREACHABLE.has(code)) {
    return new ConfigError(`cannot reach PostgreSQL at ${redactUrl(url)} (${rootMessage(error)}): start it, or set ${SETTING} to one that runs.`);
  }
  if (!postgres && code && UNWRITABLE.has(code)) {
    return new ConfigError(`cannot create or write the SQLite file ${url} (${code}): set ${SETTING} to a file in a writable folder.`);
  }
  return error as Error;
}

/** Opens and migrates the configured database; a database that cannot be used is a ConfigError naming the setting. */
export async function openConfiguredDatabase(url: string): Promise<Storage> {
  let storage: Storage;
  try {
    storage = openStorage(url);
  } catch (error) {
    throw explain(url, error);
  }
  try {
    await migrateToLatest(storage.db);
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw explain(url, error);
  }
  return storage;
}
