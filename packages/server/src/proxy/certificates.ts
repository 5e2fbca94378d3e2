import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const { pki, md } = forge;
const DAY = 24 * 60 * 60 * 1000;

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

/** An RSA key made by Node's own crypto (fast, native); node-forge only builds and signs certificates. */
export function newRsaKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privatePem: privateKey, publicPem: publicKey };
}

/**
 * A random serial number (no two certificates from any CA share one), as hex for node-forge: positive
 * and minimally encoded, so its first byte is 0x01 to 0x7f. OpenSSL refuses a DER integer that starts
 * with a 0x00 it does not need ("illegal padding"), and Node then ignores the whole CA file.
 */
export function newSerialNumber(): string {
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f || 0x01;
  return serial.toString('hex');
}

function draft(publicPem: string, now: number, days: number): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = pki.publicKeyFromPem(publicPem);
  cert.serialNumber = newSerialNumber();
  cert.validity.notBefore = new Date(now - DAY);
  cert.validity.notAfter = new Date(now + days * DAY);
  return cert;
}

/** A self-signed CA, valid ten years, allowed to sign server certificates only (path length 0). */
export function createCa(now: number, label: string): KeyAndCert {
  const key = newRsaKey();
  const cert = draft(key.publicPem, now, 3650);
  const name = [{ name: 'commonName', value: `Switchboard local CA (${label})` }, { name: 'organizationName', value: 'Switchboard' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(pki.privateKeyFromPem(key.privatePem), md.sha256.create());
  return { keyPem: key.privatePem, certPem: lf(pki.certificateToPem(cert)) };
}

/** A server certificate for one host name, signed by the CA; 397 days, the most browsers accept. */
export function issueServerCert(ca: KeyAndCert, host: string, leafKey: { privatePem: string; publicPem: string }, now: number): string {
  const caCert = pki.certificateFromPem(ca.certPem);
  const cert = draft(leafKey.publicPem, now, 397);
  cert.setSubject([{ name: 'commonName', value: host }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: host }] },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(pki.privateKeyFromPem(ca.keyPem), md.sha256.create());
  return lf(pki.certificateToPem(cert));
}

/** node-forge ends PEM lines with CRLF; every other PEM here (and OpenSSL's) uses LF. */
const lf = (pem: string) => pem.replace(/\r\n/g, '\n');
