import { notFound } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { DELETED, findRecording, listRecordings, markRecordingDeleted, type Recording } from '../../../storage/repositories/recordings.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { readFlag, sidFilter } from '../query-filters.ts';
import { deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { audioStream, mp3Audio, wavAudio, type Audio } from './audio.ts';
import { serializeRecording } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Recordings';
const INSTANCE = '/Accounts/:AccountSid/Recordings/:Sid';
/** Where app.ts routes `…/Recordings/{Sid}`, `.wav` and `.mp3`. */
const MEDIA = '/Accounts/:AccountSid/Recordings/:Sid/!media/:Format';
const sids = { Sid: 'RE' };

const MEDIA_TYPES: Record<string, { contentType: string; render: (seconds: number) => Audio }> = {
  wav: { contentType: 'audio/x-wav', render: wavAudio },
  mp3: { contentType: 'audio/mpeg', render: mp3Audio },
};

/** The recording in the path, if it belongs to the path's account and (unless asked) is not deleted. */
export async function loadRecording({ deps, params, target, path }: ApiContext, includeDeleted = false): Promise<Recording> {
  const recording = await findRecording(deps.db, target.sid, params.Sid!);
  if (!recording || (recording.status === DELETED && !includeDeleted)) throw notFound(path);
  return recording;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: ['DateCreated', 'DateCreated<', 'DateCreated>', 'CallSid', 'ConferenceSid', 'IncludeSoftDeleted', ...PAGING_PARAMS],
  async handle({ deps, target, query, origin }) {
    const request = readPageRequest(query);
    const created = readDateRange(query, 'DateCreated');
    const callSid = sidFilter(query, 'CallSid', 'CA');
    const conferenceSid = sidFilter(query, 'ConferenceSid', 'CF');
    const includeDeleted = readFlag(query, 'IncludeSoftDeleted');
    const echoed: Array<readonly [string, string]> = [...created.echoed];
    if (callSid !== undefined) echoed.push(['CallSid', callSid]);
    if (conferenceSid !== undefined) echoed.push(['ConferenceSid', conferenceSid]);
    if (one(query, 'IncludeSoftDeleted') !== undefined) echoed.push(['IncludeSoftDeleted', String(includeDeleted)]);
    const result = await listRecordings(deps.db, target.sid, { callSid, conferenceSid, created: created.range, includeDeleted }, request);
    return ok(
      listEnvelope({
        key: 'recordings',
        path: `/Accounts/${target.sid}/Recordings`,
        filters: echoed,
        request,
        result,
        serialize: (r: Recording) => serializeRecording(r, origin),
        cursorOf: sidCursor,
      }),
    );
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  sids,
  query: ['IncludeSoftDeleted'],
  async handle(ctx) {
    return ok(serializeRecording(await loadRecording(ctx, readFlag(ctx.query, 'IncludeSoftDeleted')), ctx.origin));
  },
};

/** Twilio's soft delete: the audio goes, the metadata stays listable with IncludeSoftDeleted=true. */
const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    const recording = await loadRecording(ctx);
    await markRecordingDeleted(ctx.deps.db, recording.sid, ctx.now);
    return deleted();
  },
};

const media: ApiRoute = {
  method: 'GET',
  path: MEDIA,
  sids,
  async handle(ctx) {
    const type = MEDIA_TYPES[ctx.params.Format!];
    if (!type) throw notFound(ctx.path);
    const recording = await loadRecording(ctx);
    const audio = type.render(recording.duration);
    return { status: 200, file: { contentType: type.contentType, length: audio.length, stream: audioStream(audio) } };
  },
};

export const recordingRoutes: ApiRoute[] = [list, fetch, remove, media];
