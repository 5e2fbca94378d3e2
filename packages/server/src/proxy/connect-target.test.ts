import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConnectTarget } from './connect-target.ts';

test('host:port, IPv4:port and [IPv6]:port are targets', () => {
  assert.deepEqual(parseConnectTarget('api.twilio.com:443'), { host: 'api.twilio.com', port: 443 });
  assert.deepEqual(parseConnectTarget('127.0.0.2:8443'), { host: '127.0.0.2', port: 8443 });
  assert.deepEqual(parseConnectTarget('[::1]:80'), { host: '::1', port: 80 });
});

test('a target without a port, with a port out of range, or with a bad host is refused with the reason', () => {
  for (const bad of [undefined, '', 'api.twilio.com', '/path', 'http://api.twilio.com:443', 'host:0', 'host:70000', 'ho st:443', '[nothex]:443', '::1:443', 'a..b:443']) {
    const result = parseConnectTarget(bad);
    assert.ok('error' in result, `${bad} is refused`);
    assert.match(result.error, /\S/);
  }
});

test('a very long target is clipped in the message', () => {
  const result = parseConnectTarget(`${'x'.repeat(5000)}`);
  assert.ok('error' in result && result.error.length < 200);
});
