import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { caFilesIn } from './ca-files.ts';
import { createCa } from './certificates.ts';
import { serverCertFor } from './issued-certs.ts';

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-issued-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const files = caFilesIn(join(scratch, 'ca'));
mkdirSync(files.dir);
const now = Date.now();
const ca = createCa(now, 'test');

test('a server certificate is issued once, kept private beside the CA, and served again from the file', async () => {
  const first = await serverCertFor(files, ca, 'api.twilio.com', now);
  assert.equal(statSync(join(files.dir, 'hosts', 'api.twilio.com.pem')).mode & 0o777, 0o600);
  assert.equal(new X509Certificate(first.certPem).checkHost('api.twilio.com'), 'api.twilio.com');
  assert.deepEqual(await serverCertFor(files, ca, 'api.twilio.com', now), first);
});

test('it is issued again near its end, and when the CA changed', async () => {
  const kept = await serverCertFor(files, ca, 'api.twilio.com', now);
  const nearEnd = await serverCertFor(files, ca, 'api.twilio.com', now + 380 * 86400e3);
  assert.notEqual(nearEnd.certPem, kept.certPem);
  const otherCa = createCa(now, 'other');
  const reissued = await serverCertFor(files, otherCa, 'api.twilio.com', now);
  assert.ok(new X509Certificate(reissued.certPem).checkIssued(new X509Certificate(otherCa.certPem)));
});
