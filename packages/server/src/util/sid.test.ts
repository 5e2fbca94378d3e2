import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSid, newAuthToken, newSid } from './sid.ts';

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
