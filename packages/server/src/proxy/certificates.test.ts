import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { createCa, issueServerCert, newRsaKey, newSerialNumber } from './certificates.ts';

test('a server certificate names its host, is for servers only, and is signed by the CA', () => {
  const now = Date.now();
  const ca = createCa(now, 'test');
  const leaf = new X509Certificate(issueServerCert(ca, 'api.twilio.com', newRsaKey(), now));
  const caCert = new X509Certificate(ca.certPem);
  assert.ok(leaf.verify(caCert.publicKey));
  assert.ok(leaf.checkIssued(caCert));
  assert.equal(leaf.checkHost('api.twilio.com'), 'api.twilio.com');
  assert.equal(leaf.checkHost('evil.example.com'), undefined);
  assert.equal(leaf.ca, false);
  assert.deepEqual(leaf.keyUsage, ['1.3.6.1.5.5.7.3.1']);
  assert.ok(new Date(leaf.validTo).getTime() > now + 300 * 86400e3);
});

test('another CA does not verify it', () => {
  const now = Date.now();
  const leaf = new X509Certificate(issueServerCert(createCa(now, 'one'), 'api.twilio.com', newRsaKey(), now));
  assert.equal(leaf.verify(new X509Certificate(createCa(now, 'two').certPem).publicKey), false);
});

test('serial numbers are positive and minimally encoded, which OpenSSL requires of a CA file', () => {
  for (let i = 0; i < 10_000; i++) {
    const serial = newSerialNumber();
    assert.equal(serial.length, 32);
    const first = parseInt(serial.slice(0, 2), 16);
    assert.ok(first >= 0x01 && first <= 0x7f, serial);
  }
  // Read back from the certificate as it is encoded: the same 16 bytes, no padding added.
  const ca = new X509Certificate(createCa(Date.now(), 'serial').certPem);
  assert.equal(ca.serialNumber.length, 32);
});
