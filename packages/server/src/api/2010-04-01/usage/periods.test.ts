import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { dayOf, firstOfMonth, isoDay, lastOfMonth, periodAt, periodCount, periodKey, readDay } from './periods.ts';

const day = (iso: string) => dayOf(Date.parse(`${iso}T00:00:00Z`));
const today = day('2024-03-15');
const iso = (r: { start: number; end: number }) => [isoDay(r.start), isoDay(r.end)];

test('dates read as YYYY-MM-DD or as days from today', () => {
  assert.equal(isoDay(readDay('StartDate', '2024-02-29', today)), '2024-02-29');
  assert.equal(isoDay(readDay('StartDate', '-30days', today)), '2024-02-14');
  assert.equal(isoDay(readDay('EndDate', '+7days', today)), '2024-03-22');
  assert.equal(isoDay(readDay('EndDate', '-0days', today)), '2024-03-15');
});

test('a date that is malformed or does not exist is a 400 naming the parameter', () => {
  for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '20240101', 'yesterday', '-30 days', '30days', '-9999999days', '2024-03-15T00:00:00Z', '']) {
    assert.throws(
      () => readDay('StartDate', bad, today),
      (e: unknown) => e instanceof TwilioError && e.status === 400 && e.code === 20001 && e.message.includes('StartDate'),
      bad,
    );
  }
});

test('month boundaries follow the calendar, leap years included', () => {
  assert.equal(isoDay(firstOfMonth(day('2024-02-17'))), '2024-02-01');
  assert.equal(isoDay(lastOfMonth(day('2024-02-17'))), '2024-02-29');
  assert.equal(isoDay(lastOfMonth(day('2023-02-17'))), '2023-02-28');
  assert.equal(isoDay(lastOfMonth(day('2023-12-05'))), '2023-12-31');
});

test('a range is cut into days, months or years, clipped at both ends', () => {
  const range = { start: day('2023-12-30'), end: day('2024-02-02') };
  assert.equal(periodCount('all', range), 1);
  assert.equal(periodCount('day', range), 35);
  assert.equal(periodCount('month', range), 3);
  assert.equal(periodCount('year', range), 2);
  assert.deepEqual(iso(periodAt('day', range, 2)), ['2024-01-01', '2024-01-01']);
  assert.deepEqual(iso(periodAt('month', range, 0)), ['2023-12-30', '2023-12-31']);
  assert.deepEqual(iso(periodAt('month', range, 1)), ['2024-01-01', '2024-01-31']);
  assert.deepEqual(iso(periodAt('month', range, 2)), ['2024-02-01', '2024-02-02']);
  assert.deepEqual(iso(periodAt('year', range, 1)), ['2024-01-01', '2024-02-02']);
  assert.deepEqual(iso(periodAt('all', range, 0)), ['2023-12-30', '2024-02-02']);
});

test('an empty range has no periods', () => {
  const empty = { start: day('2024-03-02'), end: day('2024-03-01') };
  for (const granularity of ['all', 'day', 'month', 'year'] as const) assert.equal(periodCount(granularity, empty), 0);
});

test('period keys match how SQL groups the daily roll-up', () => {
  const march = { start: day('2024-03-01'), end: day('2024-03-31') };
  assert.equal(periodKey('day', { start: day('2024-03-05'), end: day('2024-03-05') }), '2024-03-05');
  assert.equal(periodKey('month', march), '2024-03');
  assert.equal(periodKey('year', march), '2024');
  assert.equal(periodKey('all', march), '');
});
