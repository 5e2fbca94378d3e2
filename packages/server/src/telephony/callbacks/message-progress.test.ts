import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageStatusesBetween } from './message-progress.ts';

test('a message seen first when delivered reports sent, then delivered', () => {
  assert.deepEqual(messageStatusesBetween('queued', 'delivered'), ['sent', 'delivered']);
  assert.deepEqual(messageStatusesBetween('sending', 'sent'), ['sent']);
  assert.deepEqual(messageStatusesBetween('sent', 'delivered'), ['delivered']);
});

test('undelivered comes after sent; failed without it; queued and sending are never reported', () => {
  assert.deepEqual(messageStatusesBetween('queued', 'undelivered'), ['sent', 'undelivered']);
  assert.deepEqual(messageStatusesBetween('queued', 'failed'), ['failed']);
  assert.deepEqual(messageStatusesBetween('queued', 'sending'), []);
  assert.deepEqual(messageStatusesBetween('scheduled', 'sent'), ['sent']);
});

test('canceling a scheduled message reports canceled; an unchanged status reports nothing', () => {
  assert.deepEqual(messageStatusesBetween('scheduled', 'canceled'), ['canceled']);
  assert.deepEqual(messageStatusesBetween('delivered', 'delivered'), []);
});
