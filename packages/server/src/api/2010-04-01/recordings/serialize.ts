import type { Recording } from '../../../storage/repositories/recordings.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export const recordingPath = (r: Pick<Recording, 'account_sid' | 'sid'>): string => `/2010-04-01/Accounts/${r.account_sid}/Recordings/${r.sid}`;

/** `/Recordings/{Sid}.json`. `media_url` is absolute and suffix-less like Twilio's (WAV; add `.mp3` for MP3). */
export const serializeRecording = (r: Recording, origin: string) => ({
  account_sid: r.account_sid,
  api_version: '2010-04-01',
  call_sid: r.call_sid,
  conference_sid: r.conference_sid,
  date_created: rfc2822(r.date_created),
  date_updated: rfc2822(r.date_updated),
  start_time: rfc2822(r.start_time),
  duration: String(r.duration),
  sid: r.sid,
  price: r.price,
  price_unit: 'USD',
  status: r.status,
  channels: r.channels,
  source: r.source,
  error_code: null,
  uri: `${recordingPath(r)}.json`,
  encryption_details: null,
  subresource_uris: {
    add_on_results: `${recordingPath(r)}/AddOnResults.json`,
    transcriptions: `${recordingPath(r)}/Transcriptions.json`,
  },
  media_url: r.status === 'deleted' ? null : `${origin}${recordingPath(r)}`,
});

/** `/Calls/{CallSid}/Recordings/{Sid}.json`: Twilio's call-scoped schema has `track` and a numeric `price`. */
export const serializeCallRecording = (r: Recording) => ({
  account_sid: r.account_sid,
  api_version: '2010-04-01',
  call_sid: r.call_sid,
  conference_sid: r.conference_sid,
  date_created: rfc2822(r.date_created),
  date_updated: rfc2822(r.date_updated),
  start_time: rfc2822(r.start_time),
  duration: String(r.duration),
  sid: r.sid,
  price: r.price === null ? null : Number(r.price),
  uri: `/2010-04-01/Accounts/${r.account_sid}/Calls/${r.call_sid}/Recordings/${r.sid}.json`,
  encryption_details: null,
  price_unit: 'USD',
  status: r.status,
  channels: r.channels,
  source: r.source,
  error_code: null,
  track: 'both',
});
