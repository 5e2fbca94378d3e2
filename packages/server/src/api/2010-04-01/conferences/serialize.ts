import type { Conference, Participant } from '../../../storage/repositories/conferences.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export function serializeConference(c: Conference) {
  const base = `/2010-04-01/Accounts/${c.account_sid}/Conferences/${c.sid}`;
  return {
    account_sid: c.account_sid,
    api_version: '2010-04-01',
    call_sid_ending_conference: c.call_sid_ending_conference,
    date_created: rfc2822(c.date_created),
    date_updated: rfc2822(c.date_updated),
    friendly_name: c.friendly_name,
    reason_conference_ended: c.reason_conference_ended,
    region: c.region,
    sid: c.sid,
    status: c.status,
    subresource_uris: { participants: `${base}/Participants.json`, recordings: `${base}/Recordings.json` },
    uri: `${base}.json`,
  };
}

/** A participant as Twilio shows it; `status` is what the call is in the room: `queued` before it joins, `connected` in it. */
export function serializeParticipant(p: Participant, status: 'queued' | 'connected' = 'connected') {
  return {
    account_sid: p.account_sid,
    call_sid: p.call_sid,
    call_sid_to_coach: null,
    coaching: p.coaching === 1,
    conference_sid: p.conference_sid,
    date_created: rfc2822(p.date_created),
    date_updated: rfc2822(p.date_updated),
    end_conference_on_exit: p.end_conference_on_exit === 1,
    hold: p.hold === 1,
    label: p.label,
    muted: p.muted === 1,
    queue_time: null,
    start_conference_on_enter: p.start_conference_on_enter === 1,
    status,
    uri: `/2010-04-01/Accounts/${p.account_sid}/Conferences/${p.conference_sid}/Participants/${p.call_sid}.json`,
  };
}
