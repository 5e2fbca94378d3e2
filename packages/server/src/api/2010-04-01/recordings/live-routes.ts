import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { finishLiveRecording, startLiveRecording } from '../../../telephony/live-recording.ts';
import { loadLiveCall } from '../call-sessions/live-call.ts';
import { created, ok, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { loadCallRecording } from './call-routes.ts';
import { serializeCallRecording } from './serialize.ts';

/**
 * Recording a live call through the API: it starts in progress, may be paused and resumed, and is
 * completed (and billed) when stopped or when the call ends. Its recording status callbacks are not sent.
 */
const start: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/Recordings',
  sids: { CallSid: 'CA' },
  form: ['RecordingStatusCallbackEvent', 'RecordingStatusCallback', 'RecordingStatusCallbackMethod', 'Trim', 'RecordingChannels', 'RecordingTrack'],
  async handle(ctx) {
    const channels = enumValue(ctx.form, 'RecordingChannels', ['mono', 'dual'] as const) ?? 'mono';
    enumValue(ctx.form, 'Trim', ['trim-silence', 'do-not-trim'] as const);
    enumValue(ctx.form, 'RecordingTrack', ['inbound', 'outbound', 'both'] as const);
    const call = await loadLiveCall(ctx);
    return created(serializeCallRecording(await startLiveRecording(ctx.deps.db, call, channels === 'dual' ? 2 : 1, ctx.now)));
  },
};

const LIVE = new Set(['in-progress', 'paused']);

const changeStatus: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/Recordings/:Sid',
  sids: { CallSid: 'CA', Sid: 'RE' },
  form: ['Status', 'PauseBehavior'],
  async handle(ctx) {
    const status = enumValue(ctx.form, 'Status', ['stopped', 'paused', 'in-progress'] as const);
    if (!status) throw invalidParameter(`Status must be stopped, paused or in-progress; got '${one(ctx.form, 'Status') ?? ''}'.`);
    enumValue(ctx.form, 'PauseBehavior', ['skip', 'silence'] as const);
    const recording = await loadCallRecording(ctx);
    if (!LIVE.has(recording.status)) throw invalidParameter(`Recording ${recording.sid} is ${recording.status}; only a recording in progress or paused can be changed.`);
    if (status === 'stopped') return ok(serializeCallRecording(await finishLiveRecording(ctx.deps.db, recording, ctx.now)));
    await ctx.deps.db.updateTable('recordings').set({ status, date_updated: ctx.now }).where('sid', '=', recording.sid).execute();
    return ok(serializeCallRecording({ ...recording, status, date_updated: ctx.now }));
  },
};

export const liveRecordingRoutes: ApiRoute[] = [start, changeStatus];
