import type { Kysely } from 'kysely';
import type { Message } from '../../storage/repositories/messages.ts';
import type { Database } from '../../storage/schema.ts';
import { messageStatusesBetween } from './message-progress.ts';
import { enqueueCallback } from './enqueue-callback.ts';

/** `YYMMDDhhmm` in UTC: Twilio's RawDlrDoneDate on delivery reports. */
const rawDlrDate = (at: number): string => new Date(at).toISOString().replace(/[-T:]/g, '').slice(2, 12);

/** Twilio's message status parameters: what a status callback, and a `<Message action>`, receives. */
export function messageStatusParams(message: Message, status: Message['status'], now: number): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: message.account_sid,
    From: message.from ?? '',
    To: message.to,
    MessageSid: message.sid,
    SmsSid: message.sid,
    MessageStatus: status,
    SmsStatus: status,
    ApiVersion: '2010-04-01',
  };
  if ((status === 'failed' || status === 'undelivered') && message.error_code !== null) params.ErrorCode = String(message.error_code);
  if (status === 'delivered' || status === 'undelivered') params.RawDlrDoneDate = rawDlrDate(now);
  return params;
}

/**
 * The callbacks a message's change owes its StatusCallback (always POST, as Twilio sends them), in
 * the transaction that stores the change.
 */
export async function emitMessageCallbacks(db: Kysely<Database>, before: Message, after: Message, now: number): Promise<void> {
  if (!after.status_callback) return;
  for (const status of messageStatusesBetween(before.status, after.status)) {
    const params = messageStatusParams(after, status, now);
    await enqueueCallback(db, { type: 'message.status', accountSid: after.account_sid, resourceSid: after.sid, url: after.status_callback, method: 'POST', at: now, params: () => params });
  }
}
