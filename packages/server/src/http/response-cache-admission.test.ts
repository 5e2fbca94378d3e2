import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseCache } from './response-cache.ts';

test('an answer is worth keeping from the second time its request is seen', () => {
  const cache = new ResponseCache(8 * 1024 * 1024);
  assert.equal(cache.worthKeeping('auth\nhost\n/Calls.json?Page=1'), false);
  assert.equal(cache.worthKeeping('auth\nhost\n/Calls.json?Page=2'), false);
  assert.equal(cache.worthKeeping('auth\nhost\n/Calls.json?Page=1'), true);
  assert.equal(cache.worthKeeping('auth\nhost\n/Calls.json?Page=1'), true);
  assert.equal(cache.worthKeeping('other\nhost\n/Calls.json?Page=2'), false, 'other credentials are another request');
});

test('a request is forgotten once 1,024 others were seen after it', () => {
  const cache = new ResponseCache(8 * 1024 * 1024);
  cache.worthKeeping('first');
  for (let i = 0; i < 1_023; i++) cache.worthKeeping(`page ${i}`);
  assert.equal(cache.worthKeeping('first'), true, 'still among the last 1,024');
  const cacheB = new ResponseCache(8 * 1024 * 1024);
  cacheB.worthKeeping('first');
  for (let i = 0; i < 1_024; i++) cacheB.worthKeeping(`page ${i}`);
  assert.equal(cacheB.worthKeeping('first'), false, 'pushed out by newer requests');
  assert.equal(cacheB.worthKeeping('first'), true);
});
