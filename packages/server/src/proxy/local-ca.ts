import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { CaFiles } from './ca-files.ts';
import { PYTHON_SITECUSTOMIZE } from './python-shim.ts';
import { serverCertFor } from './issued-certs.ts';
import { parseKeyAndCert } from './pem-files.ts';

export interface LocalCa {
  files: CaFiles;
  certPem: string;
  /** A TLS context presenting a certificate for `host`, issued on first use and kept. */
  contextFor(host: string): Promise<SecureContext>;
}

/** Where Debian/Ubuntu, Fedora/RHEL and macOS/Alpine keep the system's trusted roots. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/**
 * Loads the CA from its folder, creating it on first use. Creation is atomic (a hard link that
 * fails if another process got there first), so `serve` and `env` started together agree on one CA.
 */
export async function openLocalCa(files: CaFiles, now = Date.now()): Promise<LocalCa> {
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  if (!existsSync(files.key)) await createOnce(files, now);
  if ((statSync(files.key).mode & 0o077) !== 0) chmodSync(files.key, 0o600);
  const ca = parseKeyAndCert(readFileSync(files.key, 'utf8'), files.key);
  replace(files.cert, ca.certPem);
  replace(files.bundle, `${systemRoots().trim()}\n${ca.certPem}`);
  mkdirSync(files.pythonDir, { recursive: true });
  replace(join(files.pythonDir, 'sitecustomize.py'), PYTHON_SITECUSTOMIZE);
  // Promises, so that connections arriving together share one certificate.
  const contexts = new Map<string, Promise<SecureContext>>();
  return {
    files,
    certPem: ca.certPem,
    contextFor(host) {
      let context = contexts.get(host);
      if (!context) {
        context = serverCertFor(files, ca, host).then(({ keyPem, certPem }) => createSecureContext({ key: keyPem, cert: certPem }));
        contexts.set(host, context);
        context.catch(() => contexts.delete(host));
      }
      return context;
    },
  };
}

async function createOnce(files: CaFiles, now: number): Promise<void> {
  // node-forge takes long to load: it is loaded only to make the CA or a certificate, not at every start.
  const ca = (await import('./certificates.ts')).createCa(now, hostname());
  const draft = `${files.key}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, `${ca.certPem}${ca.keyPem}`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, files.key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
}

/** Writes a file only when its content changes, through a rename so readers never see half of it. */
function replace(path: string, content: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return;
  const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, content, { mode: 0o644 });
  renameSync(draft, path);
}

function systemRoots(): string {
  const file = SYSTEM_BUNDLES.find((path) => existsSync(path));
  return file ? readFileSync(file, 'utf8') : rootCertificates.join('\n');
}
