import assert from 'node:assert/strict';
import { test } from 'node:test';
import twilio from 'twilio';
import { classifyApiFailure } from './api-failure.ts';

const restException = (statusCode: number, body: object) => new twilio.RestException({ statusCode, body: JSON.stringify(body) });

test('20006 from the API means the customer revoked the app', () => {
  const error = restException(403, { code: 20006, message: 'Access denied: the Connect App is not authorized', status: 403 });
  assert.deepEqual(classifyApiFailure(error), { kind: 'revoked', message: 'Access denied: the Connect App is not authorized' });
});

test('401 / 20003 means Switchboard did not accept our credentials', () => {
  assert.equal(classifyApiFailure(restException(401, { code: 20003, message: 'Authenticate', status: 401 }))?.kind, 'credentials');
});

test('other API errors keep their status and code', () => {
  assert.deepEqual(classifyApiFailure(restException(429, { code: 20429, message: 'Too Many Requests', status: 429 })), { kind: 'other', status: 429, code: 20429, message: 'Too Many Requests' });
  assert.deepEqual(classifyApiFailure(restException(502, {})), { kind: 'other', status: 502, code: undefined, message: 'HTTP 502' });
});

test('a refused or timed-out connection means Switchboard is unreachable', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  assert.deepEqual(classifyApiFailure(refused), { kind: 'unreachable', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' });
  assert.equal(classifyApiFailure(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' }))?.kind, 'unreachable');
});

test('programming errors are not API failures', () => {
  assert.equal(classifyApiFailure(new TypeError('x is not a function')), undefined);
  assert.equal(classifyApiFailure('a string'), undefined);
  assert.equal(classifyApiFailure(Object.assign(new Error('odd'), { code: 'ENOMEM' })), undefined);
});
