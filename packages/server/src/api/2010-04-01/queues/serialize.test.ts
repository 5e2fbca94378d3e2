import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serializeQueue } from './serialize.ts';

const queue = { sid: `QU${'1'.repeat(32)}`, account_sid: `AC${'2'.repeat(32)}`, friendly_name: 'support', max_size: 10, date_created: 0, date_updated: 0 };

test('current_size and average_wait_time are the calls waiting now and their mean wait in seconds', () => {
  const now = 100_000;
  const waiting = { size: 2, enqueuedSum: 40_000 + 80_000 };
  assert.deepEqual([serializeQueue(queue, waiting, now).current_size, serializeQueue(queue, waiting, now).average_wait_time], [2, 40]);
  assert.deepEqual([serializeQueue(queue, undefined, now).current_size, serializeQueue(queue, undefined, now).average_wait_time], [0, 0]);
});
