import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utcDay } from '../../src/telephony/record-usage.ts';

// The day an instant is billed to; the last day asked for is remembered, so each answer is checked
// against the Date it stands for, in orders that cross that day's edges both ways.
const byDate = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

test('the UTC day of an instant, at and across the edges of the day asked for before', () => {
  const midnight = Date.UTC(2026, 11, 5);
  const instants = [midnight - 1, midnight, midnight + 1, midnight - 1, midnight + 86_399_999, midnight + 86_400_000, midnight, -1, 0, -86_400_000, -86_400_001, 8.64e15, -8.64e15];
  for (const at of instants) assert.equal(utcDay(at), byDate(at), `at ${at}`);
  assert.equal(utcDay(midnight - 1), '2026-12-04');
  assert.equal(utcDay(midnight), '2026-12-05');
});

test('an instant that is no time at all is refused as Date refuses it', () => {
  assert.throws(() => utcDay(Number.NaN), RangeError);
});
