import { invalidParameter, notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { findParticipant, listParticipants, type Participant } from '../../../storage/repositories/conferences.ts';
import { emitConferenceEvent } from '../../../telephony/rooms/conference-events.ts';
import { leaveConference } from '../../../telephony/rooms/leave-conference.ts';
import { placeCall } from '../calls/place-call.ts';
import { booleanParam, httpMethod, webhookUrl } from '../calls/read-settings.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { playInto, readAnnouncement } from './announce.ts';
import { participantTwiml } from './participant-twiml.ts';
import { loadConference } from './routes.ts';
import { serializeParticipant } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Conferences/:ConferenceSid/Participants';
const INSTANCE = `${LIST}/:CallSid`;
const roomSids = { ConferenceSid: 'CF' };
const sids = { ...roomSids, CallSid: 'CA' };

const CALL_PARAMS = ['From', 'To', 'StatusCallback', 'StatusCallbackMethod', 'StatusCallbackEvent', 'Timeout', 'TimeLimit', 'Record', 'CallerId'];
const ROOM_PARAMS = ['Label', 'Muted', 'Beep', 'StartConferenceOnEnter', 'EndConferenceOnExit', 'WaitUrl', 'WaitMethod', 'MaxParticipants', 'ConferenceStatusCallback', 'ConferenceStatusCallbackMethod', 'ConferenceStatusCallbackEvent', 'ConferenceRecord'];

/** The rest of Twilio's create parameters: accepted, and not simulated (README, "Conferences and queues"). */
const ACCEPTED_PARAMS = [
  'EarlyMedia', 'ConferenceTrim', 'RecordingChannels', 'RecordingStatusCallback', 'RecordingStatusCallbackMethod', 'SipAuthUsername', 'SipAuthPassword', 'Region',
  'ConferenceRecordingStatusCallback', 'ConferenceRecordingStatusCallbackMethod', 'RecordingStatusCallbackEvent', 'ConferenceRecordingStatusCallbackEvent', 'Coaching',
  'CallSidToCoach', 'JitterBufferSize', 'Byoc', 'CallReason', 'RecordingTrack', 'MachineDetection', 'MachineDetectionTimeout', 'MachineDetectionSpeechThreshold',
  'MachineDetectionSpeechEndThreshold', 'MachineDetectionSilenceTimeout', 'AmdStatusCallback', 'AmdStatusCallbackMethod', 'Trim', 'CallToken', 'ClientNotificationUrl',
  'CallerDisplayName',
];

async function loadParticipant(ctx: ApiContext): Promise<Participant> {
  const conference = await loadConference(ctx, 'ConferenceSid');
  const participant = await findParticipant(ctx.deps.db, conference.sid, ctx.params.CallSid!);
  if (!participant) throw notFound(ctx.path);
  return participant;
}

const refuseCoaching = (ctx: ApiContext) => {
  if (booleanParam(ctx.form, 'Coaching') || ctx.form.has('CallSidToCoach')) throw invalidParameter('Coaching is not simulated: a participant cannot coach another. Leave out Coaching and CallSidToCoach.');
};

const optionalFlag = (ctx: ApiContext, name: string) => {
  const value = enumValue(ctx.query, name, ['true', 'false'] as const, (v) => v.toLowerCase());
  return value === undefined ? undefined : value === 'true';
};

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  sids: roomSids,
  query: ['Muted', 'Hold', 'Coaching', ...PAGING_PARAMS],
  async handle(ctx) {
    const conference = await loadConference(ctx, 'ConferenceSid');
    const request = readPageRequest(ctx.query);
    const filters = { muted: optionalFlag(ctx, 'Muted'), hold: optionalFlag(ctx, 'Hold'), coaching: optionalFlag(ctx, 'Coaching') };
    const result = await listParticipants(ctx.deps.db, conference.sid, filters, request);
    const echoed = Object.entries({ Muted: filters.muted, Hold: filters.hold, Coaching: filters.coaching }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)] as const);
    const path = `/Accounts/${ctx.target.sid}/Conferences/${conference.sid}/Participants`;
    return ok(listEnvelope({ key: 'participants', path, filters: echoed, request, result, serialize: (p) => serializeParticipant(p), cursorOf: (p) => ({ created: p.date_created, key: p.call_sid }) }));
  },
};

/** A participant is an outbound call that joins the room when answered; until then it is `queued`. */
const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  sids: roomSids,
  form: [...CALL_PARAMS, ...ROOM_PARAMS, ...ACCEPTED_PARAMS],
  async handle(ctx) {
    refuseCoaching(ctx);
    const conference = await loadConference(ctx, 'ConferenceSid');
    if (conference.status === 'completed') throw TwilioError.validation(21220, `Conference ${conference.sid} has ended: start a new one by dialling into its name.`);
    const twiml = participantTwiml(ctx.form, conference.friendly_name);
    const callForm = new Map([...[...ctx.form].filter(([name]) => CALL_PARAMS.includes(name)), ['Twiml', [twiml]] as [string, string[]]]);
    const call = await placeCall(ctx.deps, ctx.target, callForm, ctx.now);
    const flag = (name: string, fallback: boolean) => ((booleanParam(ctx.form, name) ?? fallback) ? 1 : 0);
    const pending: Participant = {
      call_sid: call.sid, conference_sid: conference.sid, account_sid: conference.account_sid, label: ctx.form.get('Label')?.[0] ?? null, muted: flag('Muted', false), hold: 0, coaching: 0,
      start_conference_on_enter: flag('StartConferenceOnEnter', true), end_conference_on_exit: flag('EndConferenceOnExit', false), date_created: ctx.now, date_updated: ctx.now,
    };
    return created({ ...serializeParticipant(pending, 'queued'), queue_time: '0' });
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeParticipant(await loadParticipant(ctx))) };

/** Mute, hold (with hold music from `HoldUrl`), announce to, or change `EndConferenceOnExit` of a participant. */
const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['Muted', 'Hold', 'HoldUrl', 'HoldMethod', 'AnnounceUrl', 'AnnounceMethod', 'WaitUrl', 'WaitMethod', 'BeepOnExit', 'EndConferenceOnExit', 'Coaching', 'CallSidToCoach'],
  async handle(ctx) {
    const muted = booleanParam(ctx.form, 'Muted');
    const hold = booleanParam(ctx.form, 'Hold');
    const endOnExit = booleanParam(ctx.form, 'EndConferenceOnExit');
    const holdUrl = webhookUrl(ctx.form, 'HoldUrl', 21205);
    const holdMethod = httpMethod(ctx.form, 'HoldMethod') ?? 'POST';
    const announcement = readAnnouncement(ctx.form);
    booleanParam(ctx.form, 'BeepOnExit');
    webhookUrl(ctx.form, 'WaitUrl', 21205);
    httpMethod(ctx.form, 'WaitMethod');
    refuseCoaching(ctx);
    const conference = await loadConference(ctx, 'ConferenceSid');
    const participant = await loadParticipant(ctx);
    const after: Participant = {
      ...participant,
      muted: muted === undefined ? participant.muted : Number(muted),
      hold: hold === undefined ? participant.hold : Number(hold),
      end_conference_on_exit: endOnExit === undefined ? participant.end_conference_on_exit : Number(endOnExit),
      date_updated: ctx.now,
    };
    await ctx.deps.db.transaction().execute(async (trx) => {
      const { call_sid, ...changes } = after;
      await trx.updateTable('conference_participants').set(changes).where('call_sid', '=', call_sid).execute();
      if (after.muted !== participant.muted) await emitConferenceEvent(trx, conference, after.muted ? 'participant-mute' : 'participant-unmute', ctx.now, after);
      if (after.hold !== participant.hold) await emitConferenceEvent(trx, conference, after.hold ? 'participant-hold' : 'participant-unhold', ctx.now, after);
    });
    if (after.hold && holdUrl) await playInto(ctx.deps.db, conference, { url: holdUrl, method: holdMethod }, after.call_sid, ctx.now);
    if (announcement) await playInto(ctx.deps.db, conference, announcement, after.call_sid, ctx.now);
    return ok(serializeParticipant(after));
  },
};

/** Removes a participant: its call goes on with its `<Dial>` action or next verb, and the conference may end. */
const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    const participant = await loadParticipant(ctx);
    await ctx.deps.db.transaction().execute((trx) => leaveConference(trx, participant, 'kicked', ctx.now));
    return deleted();
  },
};

export const participantRoutes: ApiRoute[] = [list, create, fetch, update, remove];
