import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TwilioError } from '../errors/twilio-error.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';

test('a key past its limit is refused with 429 / 20429 until a place is released', () => {
  const limit = createConcurrencyLimit(2);
  const first = limit.acquire('AC1');
  limit.acquire('AC1');
  assert.throws(() => limit.acquire('AC1'), (e: unknown) => e instanceof TwilioError && e.status === 429 && e.code === 20429);
  first();
  assert.doesNotThrow(() => limit.acquire('AC1'));
});

test('keys are counted apart, and releasing twice frees one place only', () => {
  const limit = createConcurrencyLimit(1);
  const release = limit.acquire('AC1');
  assert.doesNotThrow(() => limit.acquire('AC2'));
  release();
  release();
  limit.acquire('AC1');
  assert.throws(() => limit.acquire('AC1'), TwilioError);
});
