import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSid, newAuthToken, newSid, timeOrderedSid } from './sid.ts';

test('new SIDs are the prefix and 32 lowercase hex digits', () => {
  const sid = newSid('AC');
  assert.match(sid, /^AC[0-9a-f]{32}$/);
  assert.ok(isSid('AC', sid));
});

test('isSid rejects a wrong prefix, a wrong length and non-hex digits', () => {
  assert.equal(isSid('CN', newSid('AC')), false);
  assert.equal(isSid('AC', 'AC123'), false);
  assert.equal(isSid('AC', `AC${'g'.repeat(32)}`), false);
  assert.equal(isSid('AC', `AC${'0'.repeat(32)}x`), false);
});

test('auth tokens are 32 hex digits', () => {
  assert.match(newAuthToken(), /^[0-9a-f]{32}$/);
});

test('SIDs drawn across many refills of the random pool are all different', () => {
  const sids = Array.from({ length: 2000 }, () => newSid('CA'));
  assert.equal(new Set(sids).size, sids.length);
  assert.ok(sids.every((sid) => isSid('CA', sid)));
});

test('time-ordered SIDs are SIDs whose order follows the instant they were made at', () => {
  const at = Date.UTC(2026, 11, 5, 9, 30);
  const sid = timeOrderedSid('SM', at);
  assert.ok(isSid('SM', sid));
  assert.equal(sid.slice(2, 14), at.toString(16).padStart(12, '0'));
  const later = [at + 1, at + 1_000, at + 86_400_000].map((instant) => timeOrderedSid('SM', instant));
  assert.deepEqual([...later, sid].sort(), [sid, ...later]);
});

test('time-ordered SIDs made at the same instant differ in their random digits', () => {
  const at = Date.now();
  const sids = Array.from({ length: 2000 }, () => timeOrderedSid('CA', at));
  assert.equal(new Set(sids).size, sids.length);
  assert.equal(new Set(sids.map((sid) => sid.slice(0, 14))).size, 1);
});

test('a fractional or negative instant still makes 32 hex digits', () => {
  assert.ok(isSid('RQ', timeOrderedSid('RQ', 1_764_927_000_000.75)));
  assert.equal(timeOrderedSid('RQ', -5).slice(2, 14), '0'.repeat(12));
});
