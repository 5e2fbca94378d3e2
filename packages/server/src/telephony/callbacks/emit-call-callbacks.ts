import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import { rfc2822 } from '../../util/rfc2822.ts';
import { billedMinutes } from '../call-lifecycle.ts';
import { callProgressBetween } from './call-progress.ts';
import { enqueueCallback } from './enqueue-callback.ts';
import { voiceParams } from './voice-params.ts';

/**
 * The status callbacks a call's change owes its `StatusCallback`: one per subscribed event it passed,
 * with Twilio's parameters (`SequenceNumber` counting this call's callbacks from 0). Run it in the
 * transaction that stores the change.
 */
export async function emitCallCallbacks(db: Kysely<Database>, before: Call, after: Call, now: number): Promise<void> {
  if (!after.status_callback) return;
  const subscribed = new Set(after.status_callback_events.split(' '));
  for (const progress of callProgressBetween(before, after, now)) {
    if (!subscribed.has(progress.event)) continue;
    const ended = progress.event === 'completed';
    await enqueueCallback(db, {
      type: 'call.status',
      accountSid: after.account_sid,
      resourceSid: after.sid,
      url: after.status_callback,
      method: after.status_callback_method === 'GET' ? 'GET' : 'POST',
      at: progress.at,
      params: (sequence) => ({
        ...voiceParams(after, progress.callStatus),
        Timestamp: rfc2822(progress.at),
        CallbackSource: 'call-progress-events',
        SequenceNumber: String(sequence),
        ...(ended ? { CallDuration: String(after.duration ?? 0), Duration: String(billedMinutes(after.duration ?? 0)) } : {}),
      }),
    });
  }
}
