import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ListedCall } from '../../../storage/repositories/calls.ts';
import { callJson } from './call-json.ts';
import { serializeCall } from './serialize.ts';

const answered: ListedCall = {
  sid: 'CA0123456789abcdef0123456789abcdef', account_sid: 'AC0123456789abcdef0123456789abcdef', parent_call_sid: null,
  date_created: Date.UTC(2026, 0, 5, 9, 3, 7, 450), date_updated: Date.UTC(2026, 0, 5, 9, 4, 0), to: '+12125550100', from: '+14155550199',
  phone_number_sid: 'PN0123456789abcdef0123456789abcdef', status: 'completed', start_time: Date.UTC(2026, 0, 5, 9, 3, 9), end_time: Date.UTC(2026, 0, 5, 9, 4, 0),
  duration: 51, price: '-0.01300', direction: 'outbound-api', answered_by: null, forwarded_from: null, caller_name: null, queue_time: 0,
};

/** Values a client can put into a call: SIP and client addresses, names with quotes, controls and every kind of odd text. */
const awkward: ListedCall[] = [
  { ...answered, to: 'client:alice', from: 'sip:bob@example.com', status: 'queued', start_time: null, end_time: null, duration: null, price: null },
  { ...answered, caller_name: 'Smith "Jr", O\\Neil', forwarded_from: '+441632960123', answered_by: 'machine_start' },
  { ...answered, caller_name: 'tab\there, new\nline, nul\u0000, bell\u0007, del\u007f', parent_call_sid: 'CAffffffffffffffffffffffffffffffff' },
  { ...answered, caller_name: 'émilie 😀 \u2028\u2029', from: '+33 1 23 45 67 89' },
  { ...answered, caller_name: 'lone \ud800 high and \udc00 low surrogates', to: '</script><script>', queue_time: 1250 },
  { ...answered, date_created: 0, date_updated: Date.UTC(2099, 11, 31, 23, 59, 59, 999), price: '0' },
];

test('each call written out directly is exactly JSON.stringify of its serialized object', () => {
  const calls = [answered, ...awkward];
  const written = callJson(calls);
  assert.equal(written.length, calls.length);
  for (const [i, call] of calls.entries()) {
    assert.equal(written[i], JSON.stringify(serializeCall(call)), `call ${i}`);
    assert.deepEqual(JSON.parse(written[i]!), serializeCall(call));
  }
});

test('an empty page has no calls', () => {
  assert.deepEqual(callJson([]), []);
});
