import { notFound } from '../../../errors/twilio-error.ts';
import { findCall } from '../../../storage/repositories/calls.ts';
import { listRecordings, markRecordingDeleted, type Recording } from '../../../storage/repositories/recordings.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { loadRecording } from './routes.ts';
import { serializeCallRecording } from './serialize.ts';

/** `/Calls/{CallSid}/Recordings…`: read and delete; starting and stopping them is in live-routes.ts. */
const LIST = '/Accounts/:AccountSid/Calls/:CallSid/Recordings';
const INSTANCE = '/Accounts/:AccountSid/Calls/:CallSid/Recordings/:Sid';

/** The call must exist in the path's account; a recording must belong to that call. */
async function loadCallSid({ deps, params, target, path }: ApiContext): Promise<string> {
  const call = await findCall(deps.db, target.sid, params.CallSid!);
  if (!call) throw notFound(path);
  return call.sid;
}

export async function loadCallRecording(ctx: ApiContext): Promise<Recording> {
  const callSid = await loadCallSid(ctx);
  const recording = await loadRecording(ctx);
  if (recording.call_sid !== callSid) throw notFound(ctx.path);
  return recording;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  sids: { CallSid: 'CA' },
  query: ['DateCreated', 'DateCreated<', 'DateCreated>', ...PAGING_PARAMS],
  async handle(ctx) {
    const callSid = await loadCallSid(ctx);
    const request = readPageRequest(ctx.query);
    const created = readDateRange(ctx.query, 'DateCreated');
    const result = await listRecordings(ctx.deps.db, ctx.target.sid, { callSid, created: created.range, includeDeleted: false }, request);
    return ok(
      listEnvelope({
        key: 'recordings',
        path: `/Accounts/${ctx.target.sid}/Calls/${callSid}/Recordings`,
        filters: created.echoed,
        request,
        result,
        serialize: serializeCallRecording,
        cursorOf: sidCursor,
      }),
    );
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  sids: { CallSid: 'CA', Sid: 'RE' },
  async handle(ctx) {
    return ok(serializeCallRecording(await loadCallRecording(ctx)));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids: { CallSid: 'CA', Sid: 'RE' },
  async handle(ctx) {
    const recording = await loadCallRecording(ctx);
    await markRecordingDeleted(ctx.deps.db, recording.sid, ctx.now);
    return deleted();
  },
};

export const callRecordingRoutes: ApiRoute[] = [list, fetch, remove];
