import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { KeyAndCert } from './certificates.ts';

/** A certificate and its RSA key from one PEM file, or an error naming the file. */
export function parseKeyAndCert(pem: string, path: string): KeyAndCert {
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\r?\n?/.exec(pem)?.[0];
  const keyPem = /-----BEGIN RSA PRIVATE KEY-----[\s\S]+?-----END RSA PRIVATE KEY-----\r?\n?/.exec(pem)?.[0];
  if (!certPem || !keyPem) throw new Error(`${path} does not hold a certificate and key made by Switchboard; move it away and a new one is made.`);
  return { certPem, keyPem };
}

/** Writes a file readable only by this user, through a rename so that no reader sees half of it. */
export function writePrivate(path: string, content: string): void {
  const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, content, { mode: 0o600, flag: 'wx' });
  renameSync(draft, path);
}
