import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inBlock } from './ip-block.ts';

test('a /32 block holds only its own address', () => {
  assert.equal(inBlock('203.0.113.10', { ip_address: '203.0.113.10', cidr_prefix_length: 32 }), true);
  assert.equal(inBlock('203.0.113.11', { ip_address: '203.0.113.10', cidr_prefix_length: 32 }), false);
});

test('a /24 block holds the 256 addresses that share its first three octets', () => {
  const block = { ip_address: '198.51.100.7', cidr_prefix_length: 24 };
  assert.equal(inBlock('198.51.100.0', block), true);
  assert.equal(inBlock('198.51.100.255', block), true);
  assert.equal(inBlock('198.51.101.0', block), false);
});

test('a block whose bits cross an octet boundary is honoured, and /0 holds everything', () => {
  assert.equal(inBlock('10.0.15.1', { ip_address: '10.0.0.0', cidr_prefix_length: 20 }), true);
  assert.equal(inBlock('10.0.16.1', { ip_address: '10.0.0.0', cidr_prefix_length: 20 }), false);
  assert.equal(inBlock('255.255.255.255', { ip_address: '0.0.0.0', cidr_prefix_length: 0 }), true);
});
