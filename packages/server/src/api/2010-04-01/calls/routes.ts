import { invalidParameter, notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { deleteCall, findCall, listCallItems, updateCall, type Call } from '../../../storage/repositories/calls.ts';
import type { CallStatus } from '../../../storage/schema.ts';
import { FINAL_CALL_STATUSES } from '../../../telephony/call-lifecycle.ts';
import { emitCallCallbacks } from '../../../telephony/callbacks/emit-call-callbacks.ts';
import { completeCall } from '../../../telephony/complete-call.ts';
import { leaveRooms } from '../../../telephony/rooms/leave-rooms.ts';
import { endCall } from '../../../telephony/voice/end-call.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelopeJson, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, okJson, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { PAGE_ITEMS } from '../page-items.ts';
import { placeCall } from './place-call.ts';
import { httpMethod, integerParam, webhookUrl } from './read-settings.ts';
import { serializeCall } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Calls';
const INSTANCE = '/Accounts/:AccountSid/Calls/:Sid';
const STATUSES: CallStatus[] = ['queued', 'ringing', 'in-progress', 'canceled', 'completed', 'failed', 'busy', 'no-answer'];

const CREATE_PARAMS = [
  'To', 'From', 'Method', 'FallbackUrl', 'FallbackMethod', 'StatusCallback', 'StatusCallbackEvent', 'StatusCallbackMethod', 'SendDigits',
  'Timeout', 'Record', 'RecordingChannels', 'RecordingStatusCallback', 'RecordingStatusCallbackMethod', 'SipAuthUsername', 'SipAuthPassword',
  'MachineDetection', 'MachineDetectionTimeout', 'RecordingStatusCallbackEvent', 'Trim', 'CallerId', 'MachineDetectionSpeechThreshold',
  'MachineDetectionSpeechEndThreshold', 'MachineDetectionSilenceTimeout', 'AsyncAmd', 'AsyncAmdStatusCallback', 'AsyncAmdStatusCallbackMethod',
  'Byoc', 'CallReason', 'CallToken', 'RecordingTrack', 'TimeLimit', 'ClientNotificationUrl', 'Url', 'Twiml', 'ApplicationSid',
];

async function loadCall({ deps, params, target, path }: ApiContext): Promise<Call> {
  const call = await findCall(deps.db, target.sid, params.Sid!);
  if (!call) throw notFound(path);
  return call;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  cacheable: true,
  query: ['To', 'From', 'ParentCallSid', 'Status', 'StartTime', 'StartTime<', 'StartTime>', 'EndTime', 'EndTime<', 'EndTime>', ...PAGING_PARAMS],
  async handle({ deps, target, query, now }) {
    const request = readPageRequest(query);
    const start = readDateRange(query, 'StartTime');
    const end = readDateRange(query, 'EndTime');
    const filters = {
      to: one(query, 'To'),
      from: one(query, 'From'),
      parentCallSid: one(query, 'ParentCallSid'),
      status: enumValue(query, 'Status', STATUSES),
      startTime: start.range,
      endTime: end.range,
    };
    const echoed: Array<readonly [string, string]> = [];
    for (const [name, value] of [['To', filters.to], ['From', filters.from], ['ParentCallSid', filters.parentCallSid], ['Status', filters.status]] as const) {
      if (value !== undefined) echoed.push([name, value]);
    }
    const { result, items } = await listCallItems(deps.db, target.sid, filters, request, PAGE_ITEMS.calls, now);
    const envelope = {
      key: 'calls',
      path: `/Accounts/${target.sid}/Calls`,
      filters: [...echoed, ...start.echoed, ...end.echoed],
      request,
      result,
      cursorOf: sidCursor,
    };
    return okJson(listEnvelopeJson(envelope, items));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: CREATE_PARAMS,
  async handle({ deps, target, form, now }) {
    return created(serializeCall(await placeCall(deps, target, form, now)));
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  cacheable: true,
  sids: { Sid: 'CA' },
  async handle(ctx) {
    return ok(serializeCall(await loadCall(ctx)));
  },
};

/** `Status=canceled` stops a queued or ringing call; `Status=completed` hangs up (or cancels one not yet answered). */
const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids: { Sid: 'CA' },
  form: ['Url', 'Method', 'Status', 'FallbackUrl', 'FallbackMethod', 'StatusCallback', 'StatusCallbackMethod', 'Twiml', 'TimeLimit'],
  async handle(ctx) {
    const { deps, form, now } = ctx;
    const status = enumValue(form, 'Status', ['canceled', 'completed'] as const);
    const url = webhookUrl(form, 'Url', 21205);
    const method = httpMethod(form, 'Method');
    const statusCallback = webhookUrl(form, 'StatusCallback', 21609);
    const statusCallbackMethod = httpMethod(form, 'StatusCallbackMethod');
    webhookUrl(form, 'FallbackUrl', 21205);
    httpMethod(form, 'FallbackMethod');
    integerParam(form, 'TimeLimit', 1, 14_400);
    const twiml = one(form, 'Twiml');

    return deps.db.transaction().execute(async (trx) => {
      const call = await loadCall({ ...ctx, deps: { ...deps, db: trx } });
      if (FINAL_CALL_STATUSES.has(call.status) && (status || url || twiml)) {
        throw TwilioError.validation(21220, `Call is not in-progress: it is ${call.status}, so it cannot be redirected or ended.`);
      }
      const changes: Partial<Call> = { date_updated: now };
      if (url) changes.url = url;
      if (method) changes.method = method;
      if (twiml !== undefined) changes.twiml = twiml;
      if (statusCallback) changes.status_callback = statusCallback;
      if (statusCallbackMethod) changes.status_callback_method = statusCallbackMethod;
      if (status) {
        if (call.status === 'in-progress') {
          // A call running TwiML ends where its conversation is; one following its plan, by its plan.
          const ended = call.conversation !== null ? await endCall(trx, call, 'completed', now, deps.config.publicUrl ?? 'https://api.twilio.com') : await completeCall(trx, deps.config.simulationSeed, call, now);
          Object.assign(changes, ended);
          await leaveRooms(trx, call.sid, now);
        } else {
          Object.assign(changes, { status: 'canceled', outcome: 'canceled', end_time: now, duration: 0, next_event_at: null });
        }
      }
      await updateCall(trx, call.sid, changes);
      await emitCallCallbacks(trx, call, { ...call, ...changes }, now);
      return ok(serializeCall({ ...call, ...changes }));
    });
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids: { Sid: 'CA' },
  async handle(ctx) {
    const call = await loadCall(ctx);
    if (!FINAL_CALL_STATUSES.has(call.status)) {
      throw invalidParameter(`Call ${call.sid} is ${call.status}; end it (Status=completed) before deleting its record.`);
    }
    await deleteCall(ctx.deps.db, call.sid);
    return deleted();
  },
};

export const callRoutes: ApiRoute[] = [list, create, fetch, update, remove];
