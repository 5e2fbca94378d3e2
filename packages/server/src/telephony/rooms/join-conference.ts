import type { Kysely } from 'kysely';
import { findOpenConference, type Conference, type Participant } from '../../storage/repositories/conferences.ts';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import { newSid } from '../../util/sid.ts';
import type { ConferenceSettings } from '../voice/steps/conference.ts';
import { emitConferenceEvent } from './conference-events.ts';

export type Joined = { ok: true; conference: Conference; waiting: boolean } | { ok: false; reason: string };

/**
 * Puts a call into the account's open conference of that name (making it when there is none): the
 * participant joins, and the conference starts once someone with `startConferenceOnEnter` is in.
 * The first participant to name a statusCallback sets the conference's.
 */
export async function joinConference(db: Kysely<Database>, call: Call, settings: ConferenceSettings, at: number): Promise<Joined> {
  let conference = await findOpenConference(db, call.account_sid, settings.name);
  if (!conference) {
    conference = {
      sid: newSid('CF'), account_sid: call.account_sid, friendly_name: settings.name, status: 'init', region: 'us1', reason_conference_ended: null,
      call_sid_ending_conference: null, status_callback: null, status_callback_method: null, status_callback_events: null, record_call_sid: null, record_from: null,
      date_created: at, date_updated: at,
    };
    await db.insertInto('conferences').values(conference).execute();
  }
  const { count } = await db.selectFrom('conference_participants').select((eb) => eb.fn.countAll<string>().as('count')).where('conference_sid', '=', conference.sid).executeTakeFirstOrThrow();
  if (Number(count) >= settings.maxParticipants) return { ok: false, reason: `${settings.name} is full (maxParticipants ${settings.maxParticipants})` };
  if (!conference.status_callback && settings.statusCallback) {
    const { url, method, events } = settings.statusCallback;
    Object.assign(conference, { status_callback: url, status_callback_method: method, status_callback_events: events });
  }
  if (settings.record && conference.record_call_sid === null) conference.record_call_sid = call.sid;
  const participant: Participant = {
    call_sid: call.sid, conference_sid: conference.sid, account_sid: call.account_sid, label: settings.label, muted: settings.muted ? 1 : 0, hold: 0, coaching: 0,
    start_conference_on_enter: settings.startConferenceOnEnter ? 1 : 0, end_conference_on_exit: settings.endConferenceOnExit ? 1 : 0, date_created: at, date_updated: at,
  };
  await db.insertInto('conference_participants').values(participant).execute();
  await emitConferenceEvent(db, conference, 'participant-join', at, participant);
  const starts = conference.status === 'init' && settings.startConferenceOnEnter;
  if (starts) conference.status = 'in-progress';
  // Recording from the start: from the conference's start, or from now when it has already started.
  if (conference.record_call_sid !== null && conference.record_from === null && conference.status === 'in-progress') conference.record_from = at;
  conference.date_updated = at;
  const { sid, ...changes } = conference;
  await db.updateTable('conferences').set(changes).where('sid', '=', sid).execute();
  if (starts) await emitConferenceEvent(db, conference, 'conference-start', at);
  return { ok: true, conference, waiting: conference.status === 'init' };
}
