import { notFound } from '../../../errors/twilio-error.ts';
import { DELETED, findRecording } from '../../../storage/repositories/recordings.ts';
import { deleteTranscription, findTranscription, listTranscriptions, type Transcription } from '../../../storage/repositories/transcriptions.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor, type PageRequest } from '../paging.ts';
import { deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { serializeTranscription } from './serialize.ts';

/** The account's list, or one recording's when the path names it. */
const ACCOUNT = { list: '/Accounts/:AccountSid/Transcriptions', instance: '/Accounts/:AccountSid/Transcriptions/:Sid' };
const RECORDING = {
  list: '/Accounts/:AccountSid/Recordings/:RecordingSid/Transcriptions',
  instance: '/Accounts/:AccountSid/Recordings/:RecordingSid/Transcriptions/:Sid',
};

/** The recording in the path must belong to the path's account and not be deleted. */
async function loadRecordingSid({ deps, params, target, path }: ApiContext): Promise<string | undefined> {
  if (params.RecordingSid === undefined) return undefined;
  const recording = await findRecording(deps.db, target.sid, params.RecordingSid);
  if (!recording || recording.status === DELETED) throw notFound(path);
  return recording.sid;
}

async function loadTranscription(ctx: ApiContext): Promise<Transcription> {
  const recordingSid = await loadRecordingSid(ctx);
  const transcription = await findTranscription(ctx.deps.db, ctx.target.sid, ctx.params.Sid!, recordingSid);
  if (!transcription) throw notFound(ctx.path);
  return transcription;
}

const envelope = (path: string, request: PageRequest, result: Awaited<ReturnType<typeof listTranscriptions>>) =>
  listEnvelope({
    key: 'transcriptions',
    path,
    filters: [],
    request,
    result,
    serialize: serializeTranscription,
    cursorOf: sidCursor,
  });

function routesFor(paths: { list: string; instance: string }, parentSids: Record<string, string>): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: paths.list,
      sids: parentSids,
      query: PAGING_PARAMS,
      async handle(ctx) {
        const recordingSid = await loadRecordingSid(ctx);
        const request = readPageRequest(ctx.query);
        const scope = recordingSid ? { recordingSid } : { accountSid: ctx.target.sid };
        const result = await listTranscriptions(ctx.deps.db, scope, request);
        const path = recordingSid ? `/Accounts/${ctx.target.sid}/Recordings/${recordingSid}/Transcriptions` : `/Accounts/${ctx.target.sid}/Transcriptions`;
        return ok(envelope(path, request, result));
      },
    },
    {
      method: 'GET',
      path: paths.instance,
      sids: { ...parentSids, Sid: 'TR' },
      async handle(ctx) {
        return ok(serializeTranscription(await loadTranscription(ctx)));
      },
    },
    {
      method: 'DELETE',
      path: paths.instance,
      sids: { ...parentSids, Sid: 'TR' },
      async handle(ctx) {
        await deleteTranscription(ctx.deps.db, (await loadTranscription(ctx)).sid);
        return deleted();
      },
    },
  ];
}

export const transcriptionRoutes: ApiRoute[] = [
  ...routesFor(ACCOUNT, {}),
  ...routesFor(RECORDING, { RecordingSid: 'RE' }),
];
