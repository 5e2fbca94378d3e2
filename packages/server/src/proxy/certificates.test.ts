import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { createCa, issueServerCert, newRsaKey } from './certificates.ts';

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
