import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callStateAt, planCall } from './call-lifecycle.ts';
import { messageStateAt, planMessage } from './message-lifecycle.ts';
import { countSegments } from './segments.ts';

const t0 = Date.UTC(2024, 2, 1, 12);

test('an answered call goes queued, ringing, in-progress, completed with its talk time as duration', () => {
  const call = { date_created: t0, outcome: 'completed' as const, ring_seconds: 5, talk_seconds: 90 };
  assert.equal(callStateAt(call, t0).status, 'queued');
  assert.equal(callStateAt(call, t0 + 1000).status, 'ringing');
  const live = callStateAt(call, t0 + 6000);
  assert.equal(live.status, 'in-progress');
  assert.equal(live.start_time, t0 + 6000);
  const done = callStateAt(call, t0 + 6000 + 90_000);
  assert.deepEqual(done, { status: 'completed', start_time: t0 + 6000, end_time: t0 + 96_000, duration: 90, next_event_at: null });
});

test('a busy call ends after ringing with zero duration', () => {
  const state = callStateAt({ date_created: t0, outcome: 'busy', ring_seconds: 4, talk_seconds: 0 }, t0 + 60_000);
  assert.equal(state.status, 'busy');
  assert.equal(state.duration, 0);
  assert.equal(state.next_event_at, null);
});

test('the same seed and request plan the same call; outcomes vary across requests', () => {
  assert.deepEqual(planCall(7, '+15550100', '+15550101', t0), planCall(7, '+15550100', '+15550101', t0));
  const outcomes = new Set(Array.from({ length: 300 }, (_, i) => planCall(7, `+1555${i}`, '+15550101', t0).outcome));
  assert.deepEqual([...outcomes].sort(), ['busy', 'completed', 'failed', 'no-answer']);
});

test('a delivered message goes queued, sending, sent, delivered and is dated when sent', () => {
  const message = { date_created: t0, outcome: 'delivered' as const };
  assert.equal(messageStateAt(message, t0).status, 'queued');
  assert.equal(messageStateAt(message, t0 + 300).status, 'sending');
  assert.equal(messageStateAt(message, t0 + 1000).status, 'sent');
  const done = messageStateAt(message, t0 + 5000);
  assert.equal(done.status, 'delivered');
  assert.equal(done.date_sent, t0 + 700);
});

test('an undelivered message carries a carrier error code', () => {
  const state = messageStateAt({ date_created: t0, outcome: 'undelivered' }, t0 + 5000);
  assert.equal(state.status, 'undelivered');
  assert.equal(state.error_code, 30003);
});

test('a scheduled message waits until its send time', () => {
  const message = { date_created: t0, outcome: 'delivered' as const, send_at: t0 + 3_600_000 };
  assert.equal(messageStateAt(message, t0 + 1000).status, 'scheduled');
  assert.equal(messageStateAt(message, t0 + 3_600_000 + 5000).status, 'delivered');
});

test('message plans are deterministic per seed', () => {
  assert.equal(planMessage(3, '+1', '+2', t0), planMessage(3, '+1', '+2', t0));
});

test('segments: 160 GSM characters fit one, 161 take two; UCS-2 splits at 70', () => {
  assert.equal(countSegments('a'.repeat(160)), 1);
  assert.equal(countSegments('a'.repeat(161)), 2);
  assert.equal(countSegments('é'.repeat(160)), 1);
  assert.equal(countSegments('ж'.repeat(70)), 1);
  assert.equal(countSegments('ж'.repeat(71)), 2);
  assert.equal(countSegments('{'.repeat(80)), 1);
  assert.equal(countSegments('{'.repeat(81)), 2);
});
