import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import { CallAggregator, MAX_DAYS, type CallRecord } from './aggregate.ts';

const OURS = '+12125550198';
const THEIRS = '+14155550100';

const call = (overrides: Partial<CallRecord> = {}): CallRecord => ({
  status: 'completed', direction: 'outbound-api', from: OURS, to: THEIRS, duration: '60', price: '-0.0130',
  startTime: new Date('2025-03-10T09:00:00Z'), dateCreated: new Date('2025-03-10T08:59:58Z'), ...overrides,
});

const aggregate = (calls: CallRecord[]) => {
  const aggregator = new CallAggregator();
  for (const c of calls) aggregator.add(c);
  return aggregator.result();
};

test('an empty call log gives zeros, no days and no numbers', () => {
  assert.deepEqual(aggregate([]), {
    totalCalls: 0, completedCalls: 0, answerRate: 0, totalDurationSeconds: 0, averageDurationSeconds: 0, spend: 0,
    statuses: [], directions: { inbound: 0, outbound: 0 }, daily: [], busiestNumbers: [], topContacts: [], firstCallAt: null, lastCallAt: null,
  });
});

test('totals, answer rate, talk time and the average over completed calls only', () => {
  const a = aggregate([
    call({ duration: '30' }),
    call({ duration: '90' }),
    call({ status: 'busy', duration: '0', price: null }),
    call({ status: 'no-answer', duration: null, price: null }),
  ]);
  assert.equal(a.totalCalls, 4);
  assert.equal(a.completedCalls, 2);
  assert.equal(a.answerRate, 0.5);
  assert.equal(a.totalDurationSeconds, 120);
  assert.equal(a.averageDurationSeconds, 60, 'busy and unanswered calls do not drag the average down');
});

test('spend adds Twilio\'s negative price strings exactly, to the cent over 100,000 calls', () => {
  const aggregator = new CallAggregator();
  for (let i = 0; i < 100_000; i++) aggregator.add(call({ price: '-0.0130' }));
  aggregator.add(call({ price: null }));
  aggregator.add(call({ price: 'not a price' }));
  assert.equal(aggregator.result().spend, 1300);
});

test('statuses come most frequent first, ties by name', () => {
  const a = aggregate([call({ status: 'failed' }), call({ status: 'busy' }), call(), call(), call({ status: 'busy' })]);
  assert.deepEqual(a.statuses, [{ status: 'busy', calls: 2 }, { status: 'completed', calls: 2 }, { status: 'failed', calls: 1 }]);
});

test('inbound calls count the callee as our number, outbound ones the caller; the other side is the contact', () => {
  const a = aggregate([
    call({ direction: 'inbound', from: THEIRS, to: OURS, duration: '10' }),
    call({ direction: 'outbound-api', from: OURS, to: '+13035550123', duration: '20' }),
    call({ direction: 'outbound-dial', from: '+12125550199', to: THEIRS, duration: '5' }),
  ]);
  assert.deepEqual(a.directions, { inbound: 1, outbound: 2 });
  assert.deepEqual(a.busiestNumbers, [
    { number: OURS, calls: 2, durationSeconds: 30 },
    { number: '+12125550199', calls: 1, durationSeconds: 5 },
  ]);
  assert.deepEqual(a.topContacts, [
    { number: THEIRS, calls: 2, durationSeconds: 15 },
    { number: '+13035550123', calls: 1, durationSeconds: 20 },
  ]);
});

test('only the five busiest numbers are kept, busiest first, then by talk time', () => {
  const calls = [1, 2, 3, 4, 5, 6].flatMap((n) => Array.from({ length: n }, () => call({ from: `+1212555010${n}`, duration: '1' })));
  calls.push(call({ from: '+12125550100', duration: '500' }));
  const a = aggregate(calls);
  assert.deepEqual(a.busiestNumbers.map((b) => [b.number, b.calls]), [['+12125550106', 6], ['+12125550105', 5], ['+12125550104', 4], ['+12125550103', 3], ['+12125550102', 2]]);
  const tie = aggregate([call({ from: '+1A', duration: '5' }), call({ from: '+1B', duration: '50' })]);
  assert.deepEqual(tie.busiestNumbers.map((b) => b.number), ['+1B', '+1A']);
});

test('calls per day run from the first day to the last in UTC, quiet days as zero', () => {
  const a = aggregate([
    call({ startTime: new Date('2025-03-10T23:59:59Z') }),
    call({ startTime: new Date('2025-03-10T00:00:00Z'), status: 'busy' }),
    call({ startTime: new Date('2025-03-13T00:00:01Z') }),
  ]);
  assert.deepEqual(a.daily, [
    { date: '2025-03-10', calls: 2, completed: 1 },
    { date: '2025-03-11', calls: 0, completed: 0 },
    { date: '2025-03-12', calls: 0, completed: 0 },
    { date: '2025-03-13', calls: 1, completed: 1 },
  ]);
  assert.equal(a.firstCallAt, Date.parse('2025-03-10T00:00:00Z'));
  assert.equal(a.lastCallAt, Date.parse('2025-03-13T00:00:01Z'));
});

test('a call that never started is dated by its creation; one without any date counts but has no day', () => {
  const a = aggregate([call({ startTime: null, dateCreated: new Date('2025-01-02T10:00:00Z') }), call({ startTime: null, dateCreated: null })]);
  assert.equal(a.totalCalls, 2);
  assert.deepEqual(a.daily, [{ date: '2025-01-02', calls: 1, completed: 1 }]);
});

test(`calls per day keep the latest ${MAX_DAYS} days of a longer history`, () => {
  const a = aggregate([call({ startTime: new Date('2020-01-01T00:00:00Z') }), call({ startTime: new Date('2025-01-01T00:00:00Z') })]);
  assert.equal(a.daily.length, MAX_DAYS);
  assert.equal(a.daily.at(-1)!.date, '2025-01-01');
  assert.equal(a.daily.reduce((n, d) => n + d.calls, 0), 1);
  assert.equal(a.totalCalls, 2, 'the totals still count every call');
});

test('a twilio-node CallInstance, built from an API payload, is a call record', () => {
  const payload = {
    sid: `CA${'1'.repeat(32)}`, account_sid: `AC${'2'.repeat(32)}`, to: OURS, from: THEIRS, status: 'completed', direction: 'inbound',
    duration: '125', price: '-0.0085', start_time: 'Mon, 10 Mar 2025 14:00:00 +0000', date_created: 'Mon, 10 Mar 2025 13:59:59 +0000',
  };
  const instance = new CallInstance({} as never, payload as never, payload.account_sid);
  const aggregator = new CallAggregator();
  aggregator.add(instance);
  const a = aggregator.result();
  assert.deepEqual(a.daily, [{ date: '2025-03-10', calls: 1, completed: 1 }]);
  assert.equal(a.totalDurationSeconds, 125);
  assert.equal(a.spend, 0.0085);
  assert.deepEqual(a.busiestNumbers, [{ number: OURS, calls: 1, durationSeconds: 125 }]);
});
