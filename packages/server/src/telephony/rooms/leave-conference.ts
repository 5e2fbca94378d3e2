import type { Kysely } from 'kysely';
import { participantsOf, type Conference, type Participant } from '../../storage/repositories/conferences.ts';
import { wakeCall } from '../../storage/repositories/wake-call.ts';
import type { Database } from '../../storage/schema.ts';
import { createRecordingForCall } from '../create-recording.ts';
import { emitConferenceEvent } from './conference-events.ts';

type Reason = 'conference-ended-via-api' | 'participant-with-end-conference-on-exit-left' | 'participant-with-end-conference-on-exit-kicked' | 'last-participant-kicked' | 'last-participant-left';

/**
 * Ends a conference: everyone still in it leaves (their calls go on with their `<Dial>` action or
 * next verb), its recording (when it was recorded) is stored, and it completes with its reason.
 */
export async function endConference(db: Kysely<Database>, conference: Conference, reason: Reason, endingCallSid: string | null, at: number): Promise<Conference> {
  for (const participant of await participantsOf(db, conference.sid)) {
    await db.deleteFrom('conference_participants').where('call_sid', '=', participant.call_sid).execute();
    await emitConferenceEvent(db, conference, 'participant-leave', at, participant);
    await wakeCall(db, participant.call_sid, at);
  }
  if (conference.record_from !== null && conference.record_call_sid !== null && at > conference.record_from) {
    const durationSeconds = Math.round((at - conference.record_from) / 1000);
    await createRecordingForCall(db, { accountSid: conference.account_sid, callSid: conference.record_call_sid, conferenceSid: conference.sid, durationSeconds, at, transcribe: false, source: 'Conference' });
  }
  const ended: Conference = { ...conference, status: 'completed', reason_conference_ended: reason, call_sid_ending_conference: endingCallSid, date_updated: at };
  await db.updateTable('conferences').set({ status: ended.status, reason_conference_ended: reason, call_sid_ending_conference: endingCallSid, date_updated: at }).where('sid', '=', conference.sid).execute();
  await emitConferenceEvent(db, ended, 'conference-end', at);
  return ended;
}

/**
 * A participant leaves (`left`: its call hung up or moved on; `kicked`: removed through the API). The
 * conference ends when it had `endConferenceOnExit`, or when nobody is left.
 */
export async function leaveConference(db: Kysely<Database>, participant: Participant, how: 'left' | 'kicked', at: number): Promise<void> {
  const conference = await db.selectFrom('conferences').selectAll().where('sid', '=', participant.conference_sid).executeTakeFirstOrThrow();
  await db.deleteFrom('conference_participants').where('call_sid', '=', participant.call_sid).execute();
  await emitConferenceEvent(db, conference, 'participant-leave', at, participant);
  if (how === 'kicked') await wakeCall(db, participant.call_sid, at);
  if (conference.status === 'completed') return;
  const { count } = await db.selectFrom('conference_participants').select((eb) => eb.fn.countAll<string>().as('count')).where('conference_sid', '=', conference.sid).executeTakeFirstOrThrow();
  if (participant.end_conference_on_exit === 1) await endConference(db, conference, `participant-with-end-conference-on-exit-${how}`, participant.call_sid, at);
  else if (Number(count) === 0) await endConference(db, conference, how === 'left' ? 'last-participant-left' : 'last-participant-kicked', participant.call_sid, at);
}
