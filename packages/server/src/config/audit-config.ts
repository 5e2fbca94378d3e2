import { ConfigError } from './config-error.ts';

/** The Connect audit trail's part of the configuration. */
export interface AuditConfig {
  /** Records every request made with Connect credentials (`SWITCHBOARD_AUDIT`, on by default). */
  audit: boolean;
  /** Days an entry is kept before the background pruner deletes it. */
  auditRetentionDays: number;
}

export function readAuditConfig(env: NodeJS.ProcessEnv): AuditConfig {
  const switchValue = (env.SWITCHBOARD_AUDIT ?? 'on').toLowerCase();
  if (switchValue !== 'on' && switchValue !== 'off') {
    throw new ConfigError(`SWITCHBOARD_AUDIT must be 'on' or 'off'; got '${env.SWITCHBOARD_AUDIT}'.`);
  }
  const raw = env.SWITCHBOARD_AUDIT_RETENTION_DAYS ?? '30';
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 36_500) {
    throw new ConfigError(`SWITCHBOARD_AUDIT_RETENTION_DAYS must be a whole number of days from 1 to 36500; got '${raw}'.`);
  }
  return { audit: switchValue === 'on', auditRetentionDays: days };
}
