import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { caFilesIn } from './ca-files.ts';
import { exportLines } from './env-lines.ts';

const ca = caFilesIn("/tmp/it's here/ca");

test('the lines, run by a shell, set every variable and nothing else', () => {
  const script = `${exportLines({ port: 8123, ca, account: { sid: 'AC1', authToken: 'tok' } }).join('\n')}\nenv`;
  const env = Object.fromEntries(
    execFileSync('/bin/sh', ['-c', script], { env: { PATH: process.env.PATH, TWILIO_REGION: 'au1', PYTHONPATH: '/mine' }, encoding: 'utf8' })
      .split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  assert.equal(env.HTTP_PROXY, 'http://127.0.0.1:8123');
  assert.equal(env.HTTPS_PROXY, 'http://127.0.0.1:8123');
  assert.equal(env.https_proxy, 'http://127.0.0.1:8123');
  assert.equal(env.NO_PROXY, 'localhost,127.0.0.1,::1');
  assert.equal(env.NODE_USE_ENV_PROXY, '1');
  assert.equal(env.NODE_EXTRA_CA_CERTS, "/tmp/it's here/ca/switchboard-ca.pem");
  for (const name of ['REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'CURL_CA_BUNDLE']) assert.equal(env[name], "/tmp/it's here/ca/ca-bundle.pem");
  assert.equal(env.PYTHONPATH, "/tmp/it's here/ca/python:/mine", 'the shell\'s own search path is kept');
  assert.equal(env.TWILIO_ACCOUNT_SID, 'AC1');
  assert.equal(env.TWILIO_AUTH_TOKEN, 'tok');
  assert.equal(env.TWILIO_REGION, undefined, 'a region would send clients past Switchboard');
});

test('without an account no credentials are exported', () => {
  assert.ok(!exportLines({ port: 8080, ca }).some((line) => line.includes('TWILIO_ACCOUNT_SID')));
});
