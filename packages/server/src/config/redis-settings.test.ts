import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';

test('without REDIS_URL each process limits alone; with it, keys start with REDIS_PREFIX or switchboard:', () => {
  assert.equal(loadConfig({}, {}).redisUrl, null);
  const shared = loadConfig({}, { REDIS_URL: 'redis://cache:6379/2' });
  assert.equal(shared.redisUrl, 'redis://cache:6379/2');
  assert.equal(shared.redisPrefix, 'switchboard:');
  assert.equal(loadConfig({}, { REDIS_URL: 'rediss://cache:6380', REDIS_PREFIX: 'ci-a:' }).redisPrefix, 'ci-a:');
});

test('a REDIS_URL that is not a Redis URL is refused, naming the setting and hiding its password', () => {
  assert.throws(() => loadConfig({}, { REDIS_URL: 'http://user:secret@cache:6379' }), (error: Error) => /REDIS_URL/.test(error.message) && !error.message.includes('secret'));
});
