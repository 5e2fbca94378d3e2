import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateTime, formatDuration, formatMoney, formatPercent, formatPhone, maskSid } from './format.ts';

test('durations show the units that matter at their size', () => {
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDuration(59.6), '1 min 0 s');
  assert.equal(formatDuration(192), '3 min 12 s');
  assert.equal(formatDuration(27 * 3600 + 4 * 60 + 59), '27 h 4 min');
  assert.equal(formatDuration(1572 * 3600 + 40 * 60), '1,572 h');
});

test('North American numbers are grouped; others are shown as they are', () => {
  assert.equal(formatPhone('+12125550198'), '+1 (212) 555-0198');
  assert.equal(formatPhone('+442071838750'), '+442071838750');
  assert.equal(formatPhone('client:alice'), 'client:alice');
});

test('money, percentages and dates read naturally', () => {
  assert.equal(formatMoney(1206.925), '$1,206.93');
  assert.equal(formatPercent(0.78425), '78.4%');
  assert.equal(formatDateTime(Date.UTC(2025, 2, 10, 14, 5)), 'Mar 10, 2025, 2:05 PM UTC');
});

test('an Account SID is shown by its last four characters only', () => {
  assert.equal(maskSid(`AC${'0'.repeat(28)}3f9a`), 'AC…3f9a');
});
