import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { DELETED, findRecording, listRecordings, markRecordingDeleted, type Recording } from '../../../storage/repositories/recordings.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { loadConference } from './routes.ts';

const LIST = '/Accounts/:AccountSid/Conferences/:ConferenceSid/Recordings';
const INSTANCE = `${LIST}/:Sid`;

const serializeConferenceRecording = (r: Recording) => ({
  account_sid: r.account_sid,
  api_version: '2010-04-01',
  call_sid: r.call_sid,
  channels: r.channels,
  conference_sid: r.conference_sid,
  date_created: rfc2822(r.date_created),
  date_updated: rfc2822(r.date_updated),
  duration: String(r.duration),
  encryption_details: null,
  error_code: null,
  price: r.price,
  price_unit: 'USD',
  sid: r.sid,
  source: r.source,
  start_time: rfc2822(r.start_time),
  status: r.status,
  uri: `/2010-04-01/Accounts/${r.account_sid}/Conferences/${r.conference_sid}/Recordings/${r.sid}.json`,
});

async function loadRecording(ctx: ApiContext): Promise<Recording> {
  const conference = await loadConference(ctx, 'ConferenceSid');
  const recording = await findRecording(ctx.deps.db, ctx.target.sid, ctx.params.Sid!);
  if (!recording || recording.conference_sid !== conference.sid || recording.status === DELETED) throw notFound(ctx.path);
  return recording;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  sids: { ConferenceSid: 'CF' },
  query: ['DateCreated', 'DateCreated<', 'DateCreated>', ...PAGING_PARAMS],
  async handle(ctx) {
    const conference = await loadConference(ctx, 'ConferenceSid');
    const request = readPageRequest(ctx.query);
    const created = readDateRange(ctx.query, 'DateCreated');
    const result = await listRecordings(ctx.deps.db, ctx.target.sid, { conferenceSid: conference.sid, created: created.range, includeDeleted: false }, request);
    const path = `/Accounts/${ctx.target.sid}/Conferences/${conference.sid}/Recordings`;
    return ok(listEnvelope({ key: 'recordings', path, filters: created.echoed, request, result, serialize: serializeConferenceRecording, cursorOf: sidCursor }));
  },
};

const sids = { ConferenceSid: 'CF', Sid: 'RE' };

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeConferenceRecording(await loadRecording(ctx))) };

/**
 * Pausing, resuming or stopping acts on a recording still being made; a simulated conference
 * recording is stored when the conference ends, so it is always `completed` and Twilio's 21220 answers.
 */
const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['Status', 'PauseBehavior'],
  async handle(ctx) {
    const status = enumValue(ctx.form, 'Status', ['in-progress', 'paused', 'stopped'] as const);
    enumValue(ctx.form, 'PauseBehavior', ['skip', 'silence'] as const);
    if (status === undefined) throw TwilioError.validation(21220, 'Status is required: in-progress, paused or stopped.');
    const recording = await loadRecording(ctx);
    throw TwilioError.validation(21220, `Recording ${recording.sid} is ${recording.status}: only a recording in progress can be ${status === 'in-progress' ? 'resumed' : status}.`);
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await markRecordingDeleted(ctx.deps.db, (await loadRecording(ctx)).sid, ctx.now);
    return deleted();
  },
};

export const conferenceRecordingRoutes: ApiRoute[] = [list, fetch, update, remove];
