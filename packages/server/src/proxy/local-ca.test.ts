import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { caFilesIn } from './ca-files.ts';
import { openLocalCa } from './local-ca.ts';

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-ca-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('the CA is made on first use, its key readable only by this user, and reused after', async () => {
  const files = caFilesIn(join(scratch, 'ca'));
  const first = await openLocalCa(files);
  assert.equal(statSync(files.key).mode & 0o777, 0o600);
  assert.equal(statSync(files.dir).mode & 0o777, 0o700);
  assert.equal(readFileSync(files.cert, 'utf8'), first.certPem);
  assert.ok(!readFileSync(files.cert, 'utf8').includes('PRIVATE KEY'), 'the public certificate file holds no key');
  const second = await openLocalCa(files);
  assert.equal(second.certPem, first.certPem);
  const ca = new X509Certificate(first.certPem);
  assert.equal(ca.ca, true);
});

test('the bundle holds the system roots and the CA', async () => {
  const files = caFilesIn(join(scratch, 'ca'));
  const ca = await openLocalCa(files);
  const bundle = readFileSync(files.bundle, 'utf8');
  assert.ok(bundle.endsWith(ca.certPem));
  assert.ok(bundle.split('BEGIN CERTIFICATE').length > 50, 'system roots are kept, so other hosts still verify');
});

test('a key file another user could read is made private again', async () => {
  const files = caFilesIn(join(scratch, 'ca'));
  const { chmodSync } = await import('node:fs');
  chmodSync(files.key, 0o644);
  await openLocalCa(files);
  assert.equal(statSync(files.key).mode & 0o777, 0o600);
});

test('a file that is not a CA is reported, not used', async () => {
  const dir = mkdtempSync(join(scratch, 'bad-'));
  const files = caFilesIn(join(dir, 'ca'));
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(files.dir);
  writeFileSync(files.key, 'not a key', { mode: 0o600 });
  await assert.rejects(() => openLocalCa(files), /does not hold a certificate and key made by Switchboard/);
});
