import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { generateTestSignature } from './test-signature.ts';

test('a test signature for a form body is one twilio-node\'s validateRequest accepts', () => {
  const body = new URLSearchParams([['AccountSid', 'AC1'], ['Tag', 'b'], ['Tag', 'a'], ['Note', 'x & y = 100%']]);
  const signature = generateTestSignature('token', 'https://app.example.com/hook', body);
  const params = { AccountSid: 'AC1', Tag: ['b', 'a'], Note: 'x & y = 100%' };
  assert.equal(twilio.validateRequest('token', signature, 'https://app.example.com/hook', params), true);
  assert.equal(generateTestSignature('token', 'https://app.example.com/hook', params), signature);
});

test('a test signature without params covers only the URL, as for GET', () => {
  const url = 'https://app.example.com/hook?AccountSid=AC1';
  assert.equal(twilio.validateRequest('token', generateTestSignature('token', url), url, {}), true);
  assert.equal(twilio.validateRequest('other', generateTestSignature('token', url), url, {}), false);
});
