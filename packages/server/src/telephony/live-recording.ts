import type { Kysely } from 'kysely';
import { insertRecording, type Recording } from '../storage/repositories/recordings.ts';
import type { Database } from '../storage/schema.ts';
import { newSid } from '../util/sid.ts';
import { recordUsage } from './record-usage.ts';
import { formatPrice } from './usage-categories.ts';

/** A recording an app starts on a live call: in progress, with no length or price until it stops. */
export async function startLiveRecording(db: Kysely<Database>, call: { sid: string; account_sid: string }, channels: number, at: number): Promise<Recording> {
  const recording: Recording = {
    sid: newSid('RE'), account_sid: call.account_sid, call_sid: call.sid, conference_sid: null, duration: -1, channels, source: 'StartCallRecordingAPI',
    status: 'in-progress', price: null, start_time: at, date_created: at, date_updated: at,
  };
  await insertRecording(db, recording);
  return recording;
}

/** Ends a live recording: it lasts from its start to `at` and is billed per started minute. */
export async function finishLiveRecording(db: Kysely<Database>, recording: Recording, at: number): Promise<Recording> {
  const duration = Math.max(0, Math.round((at - recording.start_time) / 1000));
  const micros = await recordUsage(db, { accountSid: recording.account_sid, category: 'recordings', count: 1, usage: Math.max(1, Math.ceil(duration / 60)), at });
  const finished = { ...recording, duration, status: 'completed', price: formatPrice(micros), date_updated: at };
  await db.updateTable('recordings').set({ duration, status: 'completed', price: finished.price, date_updated: at }).where('sid', '=', recording.sid).execute();
  return finished;
}

/** When a call ends, so do the recordings started on it. */
export async function finishLiveRecordingsOf(db: Kysely<Database>, callSid: string, at: number): Promise<void> {
  const live = await db.selectFrom('recordings').selectAll().where('call_sid', '=', callSid).where('status', 'in', ['in-progress', 'paused']).execute();
  for (const recording of live) await finishLiveRecording(db, recording, at);
}
