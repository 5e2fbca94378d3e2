import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelay } from './backoff.ts';

const backoff = { baseMs: 10_000, capMs: 3_600_000, maxAttempts: 20 };
const middle = () => 0.5;

test('each retry waits twice as long as the one before, up to the cap', () => {
  const delays = [1, 2, 3, 4, 9, 10, 11].map((n) => retryDelay(n, backoff, middle));
  assert.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000]);
});

test('jitter keeps a delay within 80 and 120 percent of its nominal value', () => {
  assert.equal(retryDelay(3, backoff, () => 0), 32_000);
  assert.equal(retryDelay(3, backoff, () => 1), 48_000);
});

test('no retry follows the last allowed attempt', () => {
  assert.equal(retryDelay(19, backoff, middle), 3_600_000);
  assert.equal(retryDelay(20, backoff, middle), null);
});
