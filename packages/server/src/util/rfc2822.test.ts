import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc2822 } from './rfc2822.ts';

test('formats an instant in GMT with a literal +0000 and two-digit day', () => {
  assert.equal(rfc2822(Date.UTC(2015, 6, 3, 20, 0, 9)), 'Fri, 03 Jul 2015 20:00:09 +0000');
});

test('formats the first instant of a leap day', () => {
  assert.equal(rfc2822(Date.UTC(2024, 1, 29)), 'Thu, 29 Feb 2024 00:00:00 +0000');
});
