import type { Kysely } from 'kysely';
import { insertRecording } from '../storage/repositories/recordings.ts';
import { insertTranscription } from '../storage/repositories/transcriptions.ts';
import type { Database } from '../storage/schema.ts';
import { newSid } from '../util/sid.ts';
import { recordUsage } from './record-usage.ts';
import { formatPrice } from './usage-categories.ts';

export interface CallRecordingInput {
  accountSid: string;
  callSid: string;
  durationSeconds: number;
  /** When the recording ended (the call's end); it started `durationSeconds` before. */
  at: number;
  transcribe: boolean;
  /** Twilio's `source`: OutboundAPI (Record=true), RecordVerb (`<Record>`). */
  source?: string;
  /** The conference recorded, for `source` Conference. */
  conferenceSid?: string;
}

/** The same words for the same recording length, so simulated data is reproducible. */
export const placeholderTranscript = (durationSeconds: number): string =>
  `This is a simulated transcription of a ${durationSeconds} second call recording made by Switchboard.`;

/**
 * Stores a completed recording of a call (and, if asked, its transcription) and bills both at list
 * price to the call's account, per started minute. Run it in the caller's transaction.
 */
export async function createRecordingForCall(
  db: Kysely<Database>,
  { accountSid, callSid, durationSeconds, at, transcribe, source = 'OutboundAPI', conferenceSid }: CallRecordingInput,
): Promise<{ recordingSid: string; transcriptionSid: string | null }> {
  const minutes = Math.ceil(durationSeconds / 60);
  const startTime = at - durationSeconds * 1000;
  const recordingSid = newSid('RE');
  const recordingPrice = await recordUsage(db, { accountSid, category: 'recordings', count: 1, usage: minutes, at });
  await insertRecording(db, {
    sid: recordingSid,
    account_sid: accountSid,
    call_sid: callSid,
    conference_sid: conferenceSid ?? null,
    duration: durationSeconds,
    channels: 1,
    source,
    status: 'completed',
    price: formatPrice(recordingPrice),
    start_time: startTime,
    date_created: startTime,
    date_updated: at,
  });
  if (!transcribe) return { recordingSid, transcriptionSid: null };

  const transcriptionSid = newSid('TR');
  const transcriptionPrice = await recordUsage(db, { accountSid, category: 'transcriptions', count: 1, usage: minutes, at });
  await insertTranscription(db, {
    sid: transcriptionSid,
    account_sid: accountSid,
    recording_sid: recordingSid,
    duration: durationSeconds,
    status: 'completed',
    transcription_text: placeholderTranscript(durationSeconds),
    price: formatPrice(transcriptionPrice),
    date_created: at,
    date_updated: at,
  });
  return { recordingSid, transcriptionSid };
}
