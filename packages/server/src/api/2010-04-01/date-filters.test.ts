import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TwilioError } from '../../errors/twilio-error.ts';
import { parseUrlEncoded } from '../../http/params.ts';
import { readDateRange } from './date-filters.ts';

const day = Date.parse('2024-03-05T00:00:00Z');

test('an exact date covers that whole UTC day', () => {
  assert.deepEqual(readDateRange(parseUrlEncoded('StartTime=2024-03-05'), 'StartTime').range, { from: day, to: day + 86_400_000 - 1 });
});

test('> is on or after, < with a bare date includes the day, and both are echoed', () => {
  const { range, echoed } = readDateRange(parseUrlEncoded('StartTime%3E=2024-03-05&StartTime%3C=2024-03-06'), 'StartTime');
  assert.deepEqual(range, { from: day, to: day + 2 * 86_400_000 - 1 });
  assert.deepEqual(echoed, [['StartTime>', '2024-03-05'], ['StartTime<', '2024-03-06']]);
});

test('date-times as twilio-node sends them are exact instants', () => {
  const { range } = readDateRange(parseUrlEncoded('StartTime%3E=2024-03-05T10:00:00Z'), 'StartTime');
  assert.equal(range.from, Date.parse('2024-03-05T10:00:00Z'));
});

test('anything else is a 400 that shows the accepted forms', () => {
  for (const bad of ['StartTime=yesterday', 'StartTime%3E=2024-13-45', 'StartTime%3C=05/03/2024', 'StartTime=2024-02-30']) {
    assert.throws(() => readDateRange(parseUrlEncoded(bad), 'StartTime'), (e: unknown) => e instanceof TwilioError && e.status === 400 && /YYYY-MM-DD/.test(e.message));
  }
});
