import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from './parse-duration.ts';

test('durations read in seconds, minutes, hours and days', () => {
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('90'), 90);
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('2h'), 7200);
  assert.equal(parseDuration('1d'), 86_400);
  assert.equal(parseDuration('1.5m'), 90);
});

test('anything else is no duration', () => {
  for (const text of ['', '-5s', '5w', 'soon', '5 m', 'm5']) assert.equal(parseDuration(text), undefined, text);
});
