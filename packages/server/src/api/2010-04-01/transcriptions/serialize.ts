import type { Transcription } from '../../../storage/repositories/transcriptions.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

/** The same shape under `/Transcriptions` and `/Recordings/{Sid}/Transcriptions`; `uri` is always the former, as Twilio's. */
export const serializeTranscription = (t: Transcription) => ({
  account_sid: t.account_sid,
  api_version: '2010-04-01',
  date_created: rfc2822(t.date_created),
  date_updated: rfc2822(t.date_updated),
  duration: String(t.duration),
  price: t.price === null ? null : Number(t.price),
  price_unit: 'USD',
  recording_sid: t.recording_sid,
  sid: t.sid,
  status: t.status,
  transcription_text: t.transcription_text,
  type: 'fast',
  uri: `/2010-04-01/Accounts/${t.account_sid}/Transcriptions/${t.sid}.json`,
});
