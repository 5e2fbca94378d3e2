import type { Kysely } from 'kysely';
import type { Conference, Participant } from '../../storage/repositories/conferences.ts';
import type { Database } from '../../storage/schema.ts';
import { rfc2822 } from '../../util/rfc2822.ts';
import { enqueueCallback } from '../callbacks/enqueue-callback.ts';

/** Twilio's `StatusCallbackEvent` values, by the `statusCallbackEvent` word that subscribes to them. */
const SUBSCRIPTION = {
  'conference-start': 'start',
  'conference-end': 'end',
  'participant-join': 'join',
  'participant-leave': 'leave',
  'participant-mute': 'mute',
  'participant-unmute': 'mute',
  'participant-hold': 'hold',
  'participant-unhold': 'hold',
} as const;

export type ConferenceEvent = keyof typeof SUBSCRIPTION;

const flag = (value: number): string => (value === 1 ? 'true' : 'false');

/**
 * Queues a conference status callback, when the conference's `statusCallback` subscribed to the event,
 * with Twilio's parameters; `SequenceNumber` counts the conference's callbacks, so they go out in order.
 */
export async function emitConferenceEvent(db: Kysely<Database>, conference: Conference, event: ConferenceEvent, at: number, participant?: Participant): Promise<void> {
  if (!conference.status_callback) return;
  if (!(conference.status_callback_events ?? '').split(' ').includes(SUBSCRIPTION[event])) return;
  const about: Record<string, string> = { AccountSid: conference.account_sid, ConferenceSid: conference.sid, FriendlyName: conference.friendly_name, StatusCallbackEvent: event, Timestamp: rfc2822(at) };
  if (participant) {
    Object.assign(about, {
      CallSid: participant.call_sid, Muted: flag(participant.muted), Hold: flag(participant.hold), Coaching: flag(participant.coaching),
      EndConferenceOnExit: flag(participant.end_conference_on_exit), StartConferenceOnEnter: flag(participant.start_conference_on_enter),
    });
    if (participant.label) about.ParticipantLabel = participant.label;
  }
  if (event === 'conference-end') {
    about.ReasonConferenceEnded = conference.reason_conference_ended ?? '';
    if (conference.call_sid_ending_conference) about.CallSidEndingConference = conference.call_sid_ending_conference;
  }
  await enqueueCallback(db, {
    type: 'conference.status', accountSid: conference.account_sid, resourceSid: conference.sid, at,
    url: conference.status_callback, method: conference.status_callback_method === 'GET' ? 'GET' : 'POST',
    params: (sequence) => ({ ...about, SequenceNumber: String(sequence) }),
  });
}
