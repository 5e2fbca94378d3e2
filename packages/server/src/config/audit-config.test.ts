import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readAuditConfig } from './audit-config.ts';
import { ConfigError } from './config-error.ts';

test('the audit trail is on and keeps 30 days unless told otherwise', () => {
  assert.deepEqual(readAuditConfig({}), { audit: true, auditRetentionDays: 30 });
  assert.deepEqual(readAuditConfig({ SWITCHBOARD_AUDIT: 'OFF', SWITCHBOARD_AUDIT_RETENTION_DAYS: '7' }), { audit: false, auditRetentionDays: 7 });
});

test('a switch or a retention that cannot work is a configuration error naming the setting', () => {
  assert.throws(() => readAuditConfig({ SWITCHBOARD_AUDIT: 'maybe' }), (e: unknown) => e instanceof ConfigError && /SWITCHBOARD_AUDIT must be 'on' or 'off'/.test(e.message));
  for (const days of ['0', '1.5', 'thirty', '-3']) {
    assert.throws(() => readAuditConfig({ SWITCHBOARD_AUDIT_RETENTION_DAYS: days }), (e: unknown) => e instanceof ConfigError && /SWITCHBOARD_AUDIT_RETENTION_DAYS/.test(e.message), days);
  }
});
