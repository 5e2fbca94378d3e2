import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { findCallSession, insertCallSession, updateCallSession, type CallSession } from '../../../storage/repositories/call-sessions.ts';
import type { Call } from '../../../storage/repositories/calls.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { newSid } from '../../../util/sid.ts';
import { handlerMethod, handlerUrl } from '../applications/read-settings.ts';
import { ok, type ApiRoute } from '../route.ts';
import { enumValue, friendlyName } from '../validate.ts';
import { isOver, loadLiveCall, loadPathCall } from './live-call.ts';

/**
 * Media Streams, SIPREC sessions and real-time Transcriptions: an app starts one on a live call and
 * stops it (by SID or by the Name it gave). No audio leaves the simulation: they are stored, and
 * stop when asked or when the call ends.
 */
interface MediaKind {
  segment: 'Streams' | 'Siprec' | 'Transcriptions';
  kind: CallSession['kind'];
  prefix: string;
  /** Parameters besides Name and Status callback ones, each stored as given. */
  form: readonly string[];
  read(form: Params): Record<string, unknown>;
}

const TRACKS = ['inbound_track', 'outbound_track', 'both_tracks'] as const;
const CUSTOM_PARAMETERS = Array.from({ length: 99 }, (_, i) => [`Parameter${i + 1}.Name`, `Parameter${i + 1}.Value`]).flat();

const customParameters = (form: Params): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: 99 }, (_, i) => [one(form, `Parameter${i + 1}.Name`), one(form, `Parameter${i + 1}.Value`) ?? ''] as const).filter(
      (pair): pair is [string, string] => pair[0] !== undefined && pair[0] !== '',
    ),
  );

function streamUrl(form: Params): string {
  const raw = one(form, 'Url');
  let valid = false;
  try {
    valid = raw !== undefined && new URL(raw).protocol === 'wss:';
  } catch {
    valid = false;
  }
  if (!valid) throw invalidParameter(`Url must be an absolute wss:// URL for the media stream; got '${raw ?? ''}'.`);
  return raw!;
}

const KINDS: MediaKind[] = [
  {
    segment: 'Streams', kind: 'stream', prefix: 'MZ', form: ['Url', 'Track', ...CUSTOM_PARAMETERS],
    read: (form) => ({ url: streamUrl(form), track: enumValue(form, 'Track', TRACKS) ?? 'inbound_track', parameters: customParameters(form) }),
  },
  {
    segment: 'Siprec', kind: 'siprec', prefix: 'SR', form: ['ConnectorName', 'Track', ...CUSTOM_PARAMETERS],
    read: (form) => ({ connector_name: one(form, 'ConnectorName') ?? null, track: enumValue(form, 'Track', TRACKS) ?? 'both_tracks', parameters: customParameters(form) }),
  },
  {
    segment: 'Transcriptions', kind: 'transcription', prefix: 'GT',
    form: ['Track', 'InboundTrackLabel', 'OutboundTrackLabel', 'PartialResults', 'LanguageCode', 'TranscriptionEngine', 'ProfanityFilter', 'SpeechModel', 'Hints', 'EnableAutomaticPunctuation', 'IntelligenceService', 'ConversationConfiguration', 'ConversationId', 'ConfigurationId', 'EnableProviderData'],
    read: (form) => ({ track: enumValue(form, 'Track', TRACKS) ?? 'both_tracks', language_code: one(form, 'LanguageCode') ?? 'en-US' }),
  },
];

const serialize = (session: CallSession, call: Call, segment: MediaKind['segment']) => ({
  sid: session.sid,
  account_sid: session.account_sid,
  call_sid: session.call_sid,
  name: session.name,
  status: isOver(call) ? 'stopped' : session.status,
  date_updated: rfc2822(session.date_updated),
  uri: `/2010-04-01/Accounts/${session.account_sid}/Calls/${session.call_sid}/${segment}/${session.sid}.json`,
});

const statusCallbackParams = (media: MediaKind) => (media.kind === 'transcription' ? ['StatusCallbackUrl', 'StatusCallbackMethod'] : ['StatusCallback', 'StatusCallbackMethod']);

const routesOf = (media: MediaKind): ApiRoute[] => [
  {
    method: 'POST',
    path: `/Accounts/:AccountSid/Calls/:CallSid/${media.segment}`,
    sids: { CallSid: 'CA' },
    form: ['Name', ...statusCallbackParams(media), ...media.form],
    async handle(ctx) {
      const [urlParam, methodParam] = statusCallbackParams(media) as [string, string];
      const settings = { ...media.read(ctx.form), status_callback: handlerUrl(ctx.form, urlParam) ?? null, status_callback_method: handlerMethod(ctx.form, methodParam) ?? 'POST' };
      const name = friendlyName(ctx.form, 'Name') || null;
      const call = await loadLiveCall(ctx);
      if (name && (await findCallSession(ctx.deps.db, call.sid, media.kind, name))) {
        throw invalidParameter(`Call ${call.sid} already has a ${media.segment} session named '${name}'; give another Name.`);
      }
      const session: CallSession = {
        sid: newSid(media.prefix), account_sid: call.account_sid, call_sid: call.sid, kind: media.kind, name, status: 'in-progress',
        settings: JSON.stringify(settings), date_created: ctx.now, date_updated: ctx.now,
      };
      await insertCallSession(ctx.deps.db, session);
      return ok(serialize(session, call, media.segment));
    },
  },
  {
    method: 'POST',
    path: `/Accounts/:AccountSid/Calls/:CallSid/${media.segment}/:Sid`,
    sids: { CallSid: 'CA' },
    form: ['Status'],
    async handle(ctx) {
      if (one(ctx.form, 'Status') !== 'stopped') throw invalidParameter(`Status must be stopped; got '${one(ctx.form, 'Status') ?? ''}'.`);
      const call = await loadPathCall(ctx);
      const session = await findCallSession(ctx.deps.db, call.sid, media.kind, ctx.params.Sid!);
      if (!session) throw notFound(ctx.path);
      const stopped = { ...session, status: 'stopped', date_updated: ctx.now };
      await updateCallSession(ctx.deps.db, session.sid, { status: stopped.status, date_updated: ctx.now });
      return ok(serialize(stopped, call, media.segment));
    },
  },
];

export const mediaSessionRoutes: ApiRoute[] = KINDS.flatMap(routesOf);
