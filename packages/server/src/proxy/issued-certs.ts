import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaFiles } from './ca-files.ts';
import type { KeyAndCert } from './certificates.ts';
import { parseKeyAndCert, writePrivate } from './pem-files.ts';

const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * A host's server certificate and key, kept beside the CA (mode 0600) so that later starts serve it
 * without loading node-forge; issued again when missing, near its end, or from another CA.
 */
export async function serverCertFor(files: CaFiles, ca: KeyAndCert, host: string, now = Date.now()): Promise<KeyAndCert> {
  const path = join(files.dir, 'hosts', `${host}.pem`);
  if (existsSync(path)) {
    const kept = parseKeyAndCert(readFileSync(path, 'utf8'), path);
    const cert = new X509Certificate(kept.certPem);
    const caCert = new X509Certificate(ca.certPem);
    if (cert.checkIssued(caCert) && cert.verify(caCert.publicKey) && new Date(cert.validTo).getTime() - now > RENEW_BEFORE_MS) return kept;
  }
  const { issueServerCert, newRsaKey } = await import('./certificates.ts');
  const key = newRsaKey();
  const issued = { keyPem: key.privatePem, certPem: issueServerCert(ca, host, key, now) };
  mkdirSync(join(files.dir, 'hosts'), { recursive: true, mode: 0o700 });
  writePrivate(path, `${issued.certPem}${issued.keyPem}`);
  return issued;
}
