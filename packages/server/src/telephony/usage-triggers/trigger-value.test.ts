import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categoriesMovedBy, leavesOf, periodOf } from './trigger-value.ts';

test("a trigger's period is the UTC day, month or year of the usage, or all time", () => {
  const at = Date.UTC(2024, 1, 29, 23, 59, 59);
  assert.deepEqual(periodOf('daily', at), { from: '2024-02-29', to: '2024-02-29', startsAt: Date.UTC(2024, 1, 29) });
  assert.deepEqual(periodOf('monthly', at), { from: '2024-02-01', to: '2024-02-31', startsAt: Date.UTC(2024, 1, 1) });
  assert.deepEqual(periodOf('yearly', at), { from: '2024-01-01', to: '2024-12-31', startsAt: Date.UTC(2024, 0, 1) });
  assert.deepEqual(periodOf('alltime', at), { from: '0000-01-01', to: '9999-12-31', startsAt: 0 });
});

test('usage of a leaf moves its own triggers and those of every roll-up containing it', () => {
  assert.deepEqual(categoriesMovedBy('sms-outbound').sort(), ['sms', 'sms-outbound', 'totalprice']);
  assert.deepEqual(categoriesMovedBy('recordings').sort(), ['recordings', 'totalprice']);
  assert.deepEqual(leavesOf('calls'), ['calls-inbound', 'calls-outbound']);
  assert.deepEqual(leavesOf('transcriptions'), ['transcriptions']);
  assert.deepEqual(leavesOf('bitcoin'), []);
});
