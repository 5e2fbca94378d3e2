import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectError } from './errors.ts';

test('a ConnectError is an Error carrying its code, message and a suggested HTTP status', () => {
  const error = new ConnectError('invalid_signature', 'Check the auth token.');
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'ConnectError');
  assert.equal(error.code, 'invalid_signature');
  assert.equal(error.message, 'Check the auth token.');
  assert.equal(error.status, 403);
  assert.equal(new ConnectError('method_not_allowed', 'x').status, 405);
  assert.equal(new ConnectError('expired', 'x').status, 401);
});
