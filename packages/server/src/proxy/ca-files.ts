import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Where the local certificate authority lives: beside the data it serves. */
export interface CaFiles {
  dir: string;
  /** The CA's certificate and private key, mode 0600: only this user reads it. */
  key: string;
  /** The CA's certificate alone, for `NODE_EXTRA_CA_CERTS`. */
  cert: string;
  /** The system's trusted roots plus the CA, for tools whose variable replaces the whole store. */
  bundle: string;
  /** A folder for `PYTHONPATH` holding `sitecustomize.py` (see python-shim.ts). */
  pythonDir: string;
}

/**
 * The data folder of a database URL: a SQLite file's folder, `./data` for PostgreSQL, and for an
 * in-memory database a per-user temporary folder, so that `serve` and `env` agree without a file.
 */
export function dataDirFor(databaseUrl: string): string {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return resolve('data');
  const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  if (file === ':memory:' || file === '') return join(tmpdir(), `switchboard-${userInfo().username}`);
  return dirname(resolve(file));
}

/** The CA's folder: `SWITCHBOARD_CA_DIR`, else `ca/` in the data folder. */
export function caDirFor(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.SWITCHBOARD_CA_DIR ? resolve(env.SWITCHBOARD_CA_DIR) : join(dataDirFor(databaseUrl), 'ca');
}

export function caFilesIn(dir: string): CaFiles {
  return { dir, key: join(dir, 'switchboard-ca-key.pem'), cert: join(dir, 'switchboard-ca.pem'), bundle: join(dir, 'ca-bundle.pem'), pythonDir: join(dir, 'python') };
}
