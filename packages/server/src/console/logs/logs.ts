import type { Hono } from 'hono';
import type { BrowserEnv } from '../browser-env.ts';
import { mountCallsLog } from './calls-log.tsx';
import { mountMessagesLog } from './messages-log.tsx';
import { mountNotificationsLog } from './notifications-log.tsx';
import { mountRecordingsLog } from './recordings-log.tsx';

/** The account's logs: Calls, Messages, Recordings and Notifications. */
export function mountLogs(app: Hono<BrowserEnv>): void {
  mountCallsLog(app);
  mountMessagesLog(app);
  mountRecordingsLog(app);
  mountNotificationsLog(app);
}
