import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TwilioError } from '../../errors/twilio-error.ts';
import { readDayRange } from './day-range.ts';
import { enumFilter } from './enum-filter.ts';

const refused = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (e: unknown) => e instanceof TwilioError && e.status === 400 && message.test(e.message));

test('a day range runs from the first UTC millisecond of its first day to the last of its last', () => {
  assert.deepEqual(readDayRange('Started', '2025-03-01', '2025-03-02'), { from: Date.UTC(2025, 2, 1), to: Date.UTC(2025, 2, 3) - 1 });
  assert.deepEqual(readDayRange('Started', undefined, '2025-03-02'), { to: Date.UTC(2025, 2, 3) - 1 });
  assert.deepEqual(readDayRange('Started', undefined, undefined), {});
});

test('days that do not exist, other formats and reversed ranges are refused with how to fix them', () => {
  refused(() => readDayRange('Started', '2025-02-30', undefined), /Started from must be a day written YYYY-MM-DD; got '2025-02-30'/);
  refused(() => readDayRange('Sent', undefined, '03/02/2025'), /Sent to must be a day written YYYY-MM-DD/);
  refused(() => readDayRange('Sent', '2025-03-05', '2025-03-01'), /after the last day .* Swap them/);
});

test('a list filter takes only its listed values', () => {
  assert.equal(enumFilter('Status', 'busy', ['busy', 'failed']), 'busy');
  assert.equal(enumFilter('Status', undefined, ['busy', 'failed']), undefined);
  refused(() => enumFilter('Status', 'lost', ['busy', 'failed']), /Status must be one of busy, failed; got 'lost'/);
});
