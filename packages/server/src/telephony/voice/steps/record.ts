import { deterministicUniform } from '../../outcome.ts';
import type { TwimlElement } from '../../twiml/parse.ts';
import type { PendingFetch } from '../conversation.ts';
import { actionOf, methodOf } from './urls.ts';

/** The beep before recording starts. */
const BEEP_MS = 500;

export interface RecordingPlan {
  startsAt: number;
  endsAt: number;
  durationSeconds: number;
  /** The key that ended it, or `hangup`. */
  digits: string;
  transcribe: boolean;
  statusCallback: { url: string; method: 'GET' | 'POST' } | null;
  transcribeCallback: string | null;
  /** The action, without the recording's parameters yet. */
  action: PendingFetch | null;
}

const absolute = (url: string | undefined, base: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url, base ?? undefined).toString();
  } catch {
    return null;
  }
};

/**
 * What a `<Record>` records: the caller speaks for a length fixed by the seed, the call's parties
 * and the instant (3 to 22 s, at most `maxLength`; never by the random call SID, so the same inputs
 * give the same conversation) and presses `#`, unless they hang up first.
 */
export function planRecording(verb: TwimlElement, documentUrl: string | null, seed: number, parties: { from: string | null; to: string }, at: number, hangupAt: number | null): RecordingPlan {
  const maxLength = Number(verb.attributes.maxLength ?? '3600');
  const spoken = 3 + Math.floor(deterministicUniform(seed, 'record', parties.from, parties.to, at) * 20);
  const startsAt = at + (verb.attributes.playBeep === 'false' ? 0 : BEEP_MS);
  let durationSeconds = Math.min(spoken, Number.isInteger(maxLength) && maxLength > 0 ? maxLength : 3600);
  let digits = '#';
  if (hangupAt !== null && hangupAt < startsAt + durationSeconds * 1000) {
    durationSeconds = Math.max(0, Math.floor((hangupAt - startsAt) / 1000));
    digits = 'hangup';
  }
  const statusUrl = absolute(verb.attributes.recordingStatusCallback, documentUrl);
  return {
    startsAt,
    endsAt: startsAt + durationSeconds * 1000,
    durationSeconds,
    digits,
    transcribe: verb.attributes.transcribe === 'true' || verb.attributes.transcribeCallback !== undefined,
    statusCallback: statusUrl ? { url: statusUrl, method: verb.attributes.recordingStatusCallbackMethod?.toUpperCase() === 'GET' ? 'GET' : 'POST' } : null,
    transcribeCallback: absolute(verb.attributes.transcribeCallback, documentUrl),
    action: actionOf(verb, documentUrl, {}, true) ?? (documentUrl ? { url: documentUrl, method: methodOf(verb), params: {} } : null),
  };
}
