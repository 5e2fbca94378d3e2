import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callProgressBetween } from './call-progress.ts';

const created = 1_700_000_000_000;
const at = (status: string, start: number | null = null, end: number | null = null) =>
  ({ status, date_created: created, start_time: start, end_time: end }) as Parameters<typeof callProgressBetween>[0];

test('a call seen only when finished reports every event it passed, in order, at the instant each happened', () => {
  const events = callProgressBetween(at('queued'), at('completed', created + 5000, created + 65_000), created + 70_000);
  assert.deepEqual(events, [
    { event: 'initiated', callStatus: 'initiated', at: created + 1000 },
    { event: 'ringing', callStatus: 'ringing', at: created + 1000 },
    { event: 'answered', callStatus: 'in-progress', at: created + 5000 },
    { event: 'completed', callStatus: 'completed', at: created + 65_000 },
  ]);
});

test('an unanswered call is never answered; its completed event carries its final status', () => {
  const events = callProgressBetween(at('ringing'), at('no-answer', created + 40_000, created + 40_000), created + 41_000);
  assert.deepEqual(events.map((e) => [e.event, e.callStatus]), [['completed', 'no-answer']]);
});

test('a failed call is initiated and completed without ringing', () => {
  const events = callProgressBetween(at('queued'), at('failed', created + 1000, created + 1000), created + 2000);
  assert.deepEqual(events.map((e) => e.event), ['initiated', 'completed']);
});

test('a call canceled while queued fires nothing, and a call that did not move fires nothing', () => {
  assert.deepEqual(callProgressBetween(at('queued'), at('canceled', null, created + 500), created + 500), []);
  assert.deepEqual(callProgressBetween(at('in-progress', created), at('in-progress', created), created + 9000), []);
});
