import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConsoleConfig } from './console-config.ts';

test('without settings the public URL follows each request and webhooks use the documented schedule', () => {
  assert.deepEqual(readConsoleConfig({}, {}), {
    publicUrl: null,
    webhookPollMs: 1000,
    webhookBackoff: { baseMs: 10_000, capMs: 3_600_000, maxAttempts: 20 },
    webhookLeaseMs: 160_000,
  });
});

test('the public URL flag wins over the environment and loses its trailing slash', () => {
  const config = readConsoleConfig({ publicUrl: 'https://sb.example.com/base/' }, { SWITCHBOARD_PUBLIC_URL: 'http://other.example.com' });
  assert.equal(config.publicUrl, 'https://sb.example.com/base');
});

test('settings that make no sense are refused with the variable named', () => {
  assert.throws(() => readConsoleConfig({}, { SWITCHBOARD_PUBLIC_URL: 'ftp://x.example.com' }), /SWITCHBOARD_PUBLIC_URL/);
  assert.throws(() => readConsoleConfig({}, { SWITCHBOARD_WEBHOOK_LEASE_MS: '10' }), /SWITCHBOARD_WEBHOOK_LEASE_MS/);
  assert.throws(() => readConsoleConfig({}, { SWITCHBOARD_PUBLIC_URL: 'https://x.example.com/?a=1' }), /SWITCHBOARD_PUBLIC_URL/);
  assert.throws(() => readConsoleConfig({}, { SWITCHBOARD_WEBHOOK_POLL_MS: 'soon' }), /SWITCHBOARD_WEBHOOK_POLL_MS/);
  assert.throws(() => readConsoleConfig({}, { SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS: '5000', SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS: '1000' }), /SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS/);
  assert.throws(() => readConsoleConfig({}, { SWITCHBOARD_WEBHOOK_MAX_ATTEMPTS: '0' }), /SWITCHBOARD_WEBHOOK_MAX_ATTEMPTS/);
});

test('the webhook schedule is frozen with the rest of the configuration', () => {
  assert.ok(Object.isFrozen(readConsoleConfig({}, {}).webhookBackoff));
});
