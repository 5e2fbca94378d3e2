import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';

test('SWITCHBOARD_RESPONSE_CACHE_MB sets the response cache in megabytes: 8 unless set, 0 keeps none', () => {
  assert.equal(loadConfig({}, {}).responseCacheBytes, 8 * 1024 * 1024);
  assert.equal(loadConfig({}, { SWITCHBOARD_RESPONSE_CACHE_MB: '0.5' }).responseCacheBytes, 512 * 1024);
  assert.equal(loadConfig({}, { SWITCHBOARD_RESPONSE_CACHE_MB: '0' }).responseCacheBytes, 0);
});

test('a SWITCHBOARD_RESPONSE_CACHE_MB that is not a size is refused, naming the setting', () => {
  for (const value of ['-1', 'lots', 'Infinity']) {
    assert.throws(() => loadConfig({}, { SWITCHBOARD_RESPONSE_CACHE_MB: value }), /SWITCHBOARD_RESPONSE_CACHE_MB must be a number of megabytes/, value);
  }
});
