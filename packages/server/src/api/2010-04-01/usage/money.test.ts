import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decimalFromMicros } from './money.ts';

test('micro-dollars print as exact decimals with at least two places', () => {
  assert.equal(decimalFromMicros(20_000_000), '20.00');
  assert.equal(decimalFromMicros(19_991_500), '19.9915');
  assert.equal(decimalFromMicros(8_500), '0.0085');
  assert.equal(decimalFromMicros(1), '0.000001');
  assert.equal(decimalFromMicros(0), '0.00');
  assert.equal(decimalFromMicros(-2_150_000), '-2.15');
  assert.equal(decimalFromMicros(7_900, 0), '0.0079');
  assert.equal(decimalFromMicros(3_000_000, 0), '3');
});
