import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { USAGE_CATEGORIES } from '../../../telephony/usage-categories.ts';
import { readCategories, REPORTED_CATEGORIES } from './categories.ts';

test('every leaf category and the calls, sms, phonenumbers and totalprice roll-ups are reported, in name order', () => {
  const names = REPORTED_CATEGORIES.map((c) => c.name);
  assert.deepEqual(names, [...names].sort());
  for (const name of [...Object.keys(USAGE_CATEGORIES), 'calls', 'sms', 'phonenumbers', 'totalprice']) assert.ok(names.includes(name), name);
  assert.equal(names.length, Object.keys(USAGE_CATEGORIES).length + 4);
});

test('a roll-up sums its leaves and totalprice sums every leaf', () => {
  const byName = Object.fromEntries(REPORTED_CATEGORIES.map((c) => [c.name, c]));
  assert.deepEqual([...byName.calls!.leaves].sort(), ['calls-inbound', 'calls-outbound']);
  assert.deepEqual(byName['sms-inbound']!.leaves, ['sms-inbound']);
  assert.equal(byName.totalprice!.leaves.length, Object.keys(USAGE_CATEGORIES).length);
  assert.equal(byName.totalprice!.isPrice, true);
});

test('Category narrows to one category; an unknown one is a 400 that lists the known ones', () => {
  assert.deepEqual(readCategories('sms').map((c) => c.name), ['sms']);
  assert.equal(readCategories(undefined), REPORTED_CATEGORIES);
  assert.throws(() => readCategories('calleridlookups'), (e: unknown) => e instanceof TwilioError && e.status === 400 && /totalprice/.test(e.message));
});
