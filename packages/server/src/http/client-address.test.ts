import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTrustProxy } from '../config/trust-proxy.ts';
import { clientAddress } from './client-address.ts';

const LOOPBACK = readTrustProxy('loopback');

test('without trusted proxies the socket is the client, whatever X-Forwarded-For says', () => {
  assert.equal(clientAddress('127.0.0.1', '203.0.113.9', readTrustProxy(undefined)), '127.0.0.1');
});

test('a trusted proxy hands over the address it appended', () => {
  assert.equal(clientAddress('127.0.0.1', '203.0.113.9', LOOPBACK), '203.0.113.9');
  assert.equal(clientAddress('::ffff:127.0.0.1', '203.0.113.9', LOOPBACK), '203.0.113.9');
});

test('an address the client wrote itself, left of the first untrusted hop, is ignored', () => {
  assert.equal(clientAddress('127.0.0.1', '198.51.100.1, 203.0.113.9', LOOPBACK), '203.0.113.9');
});

test('the walk continues through a chain of trusted proxies', () => {
  const trust = readTrustProxy('127.0.0.1,10.0.0.0/8');
  assert.equal(clientAddress('127.0.0.1', '198.51.100.1, 203.0.113.9, 10.1.2.3', trust), '203.0.113.9');
});

test('an untrusted peer is the client even when it sends X-Forwarded-For', () => {
  assert.equal(clientAddress('198.51.100.7', '203.0.113.9', LOOPBACK), '198.51.100.7');
});

test('a hop that is not an address stops the walk at the last trusted one', () => {
  assert.equal(clientAddress('127.0.0.1', 'unknown', LOOPBACK), '127.0.0.1');
});

test('--trust-proxy refuses what is not an address or range', () => {
  for (const bad of ['proxy.example.com', '10.0.0.0/33', '1.2.3.4/8/1', 'everyone']) assert.throws(() => readTrustProxy(bad), /trust-proxy/);
  assert.deepEqual(readTrustProxy(' 10.0.0.1 , fd00::/8'), ['10.0.0.1/32', 'fd00::/8']);
});
