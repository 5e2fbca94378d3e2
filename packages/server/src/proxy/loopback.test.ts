import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopbackAddress } from './loopback.ts';

test('127.0.0.0/8, ::1 and IPv4-mapped loopback are this machine', () => {
  for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopbackAddress(address), true, address);
});

test('any other address, or none, is not', () => {
  for (const address of [undefined, '', '192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'fe80::1', '0.0.0.0', '128.0.0.1', '::']) {
    assert.equal(isLoopbackAddress(address), false, String(address));
  }
});
