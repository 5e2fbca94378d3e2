import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_OVERRIDES, InvalidRetryPolicy, parseOverrides } from './connection-overrides.ts';

test('a URL without a fragment gets Twilio defaults: 5 s to connect, 15 s to answer, one retry on connect failure', () => {
  assert.deepEqual(parseOverrides('https://app.example.com/sms?x=1'), DEFAULT_OVERRIDES);
});

test('the fragment sets timeouts, retries and policy, kept inside Twilio ranges', () => {
  const o = parseOverrides('https://app.example.com/sms#ct=50&rt=3000&rc=9&rp=ct,5xx');
  assert.equal(o.connectMs, 100);
  assert.equal(o.readMs, 3000);
  assert.equal(o.retries, 5);
  assert.deepEqual([...o.retryOn].sort(), ['5xx', 'ct']);
  assert.deepEqual([...parseOverrides('http://h/#rp=all').retryOn].sort(), ['4xx', '5xx', 'ct', 'rt']);
});

test('an unknown retry policy is refused', () => {
  assert.throws(() => parseOverrides('http://h/#rp=sometimes'), InvalidRetryPolicy);
});
