import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNational, isCallEndpoint, isE164 } from './phone-number.ts';

test('E.164 numbers have a plus, no leading zero and 7 to 15 digits', () => {
  for (const good of ['+15005550006', '+442071838750', '+1234567']) assert.ok(isE164(good), good);
  for (const bad of ['15005550006', '+05005550006', '+1 500 555 0006', '+123456', '+1234567890123456', '']) assert.equal(isE164(bad), false, bad);
});

test('client identities and SIP URIs are call endpoints', () => {
  assert.ok(isCallEndpoint('client:alice'));
  assert.ok(isCallEndpoint('sip:bob@example.com'));
  assert.equal(isCallEndpoint('client:'), false);
});

test('NANP numbers are formatted nationally, others are left in E.164', () => {
  assert.equal(formatNational('+14155550123'), '(415) 555-0123');
  assert.equal(formatNational('+442071838750'), '+442071838750');
});
