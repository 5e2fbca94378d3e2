import type { Config } from '../config/config.ts';

// No server, no such host, refused log-in, no such database: what a wrong DATABASE_URL gives.
const POSTGRES_UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '28P01', '28000', '3D000'];
// A folder it may not write, a path through a file, a file that is not a database.
const SQLITE_UNUSABLE = ['EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTDIR', 'EISDIR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_NOTADB', 'SQLITE_PERM'];

const withoutPassword = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * What went wrong starting the server, in one line that says what to change, for the failures that come
 * from the command line or the machine (a busy port, a folder it cannot write, a database it cannot
 * reach); undefined for anything else, which is a bug and keeps its own message.
 */
export function describeStartupError(error: unknown, config: Readonly<Config>): string | undefined {
  // Migrations wrap what the database said; the driver's error is the cause.
  const { code, message = '' } = ((error as { cause?: unknown })?.cause ?? error ?? {}) as { code?: string; message?: string };
  const firstLine = String(message).split('\n')[0]!.replace(/\.$/, '');
  const postgres = /^postgres(ql)?:\/\//.test(config.databaseUrl);
  if (/Could not locate the bindings file/.test(firstLine)) {
    return 'better-sqlite3 was installed without its compiled binary (npm 11 runs its install script only when allowed): add allow-scripts=better-sqlite3 to .npmrc and run npm rebuild better-sqlite3, or use PostgreSQL with --db postgres://…';
  }
  if (code === 'EADDRINUSE') return `port ${config.port} on ${config.host} is in use; stop what runs there or pick another port with --port`;
  if (code === 'EADDRNOTAVAIL') return `${config.host} is not an address of this machine; use --host 127.0.0.1 or one of its own addresses`;
  if (code === 'EACCES' && /listen/.test(firstLine)) return `port ${config.port} needs privileges this user lacks; pick one above 1023 with --port`;
  if (postgres && (POSTGRES_UNREACHABLE.includes(code ?? '') || /Invalid URL|password must be a string/.test(firstLine))) {
    return `cannot use the PostgreSQL database at ${withoutPassword(config.databaseUrl)}: ${firstLine || code}; check DATABASE_URL or --db`;
  }
  if (!postgres && SQLITE_UNUSABLE.includes(code ?? '')) return `cannot use the SQLite file ${config.databaseUrl}: ${firstLine}; choose another with --db`;
  return undefined;
}
