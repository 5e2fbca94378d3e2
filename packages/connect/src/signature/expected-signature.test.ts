import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { seeded } from '../../test/random.ts';
import { randomParams, randomUrl } from '../../test/urls.ts';
import { getExpectedBodyHash, getExpectedTwilioSignature } from './expected-signature.ts';

const KNOWN_PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

test('the documented vector signs to 0/KCTR6DLpKmkAf8muzZqo1nDgQ=', () => {
  assert.equal(getExpectedTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', KNOWN_PARAMS), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
});

test('parameters are signed in sorted name order whatever order they are given in', () => {
  const reversed = Object.fromEntries(Object.entries(KNOWN_PARAMS).reverse());
  assert.equal(getExpectedTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', reversed), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
});

test('repeated values are de-duplicated and sorted, so their order does not change the signature', () => {
  const url = 'https://example.com/hook';
  const sorted = getExpectedTwilioSignature('token', url, { Permissions: ['get-all', 'post-all'] });
  assert.equal(getExpectedTwilioSignature('token', url, { Permissions: ['post-all', 'get-all', 'post-all'] }), sorted);
  assert.notEqual(getExpectedTwilioSignature('token', url, { Permissions: 'get-all' }), sorted);
});

test('null params sign like no params', () => {
  const url = 'https://example.com/hook?bodySHA256=abc';
  assert.equal(getExpectedTwilioSignature('token', url, null), getExpectedTwilioSignature('token', url, {}));
});

test('signatures equal twilio-node\'s on 1500 generated URLs and parameter sets', () => {
  const r = seeded(1);
  for (let i = 0; i < 1500; i++) {
    const token = r.text(1, 32);
    const url = randomUrl(r);
    const params: Record<string, string | number | string[]> = randomParams(r);
    if (r.chance(0.2)) params.Count = r.int(1000);
    assert.equal(getExpectedTwilioSignature(token, url, params), twilio.getExpectedTwilioSignature(token, url, params), `case ${i}: ${url}`);
  }
});

test('body hashes equal twilio-node\'s hex SHA-256 for generated bodies', () => {
  const r = seeded(2);
  assert.equal(getExpectedBodyHash(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  for (let i = 0; i < 300; i++) {
    const body = JSON.stringify({ [r.text(1, 5)]: r.text(0, 40) });
    assert.equal(getExpectedBodyHash(body), twilio.getExpectedBodyHash(body));
    assert.equal(getExpectedBodyHash(new TextEncoder().encode(body)), twilio.getExpectedBodyHash(body));
  }
});
