import { notFound } from '../../../errors/twilio-error.ts';
import { findMedia, findMessage, listMedia } from '../../../storage/repositories/messages.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { serializeMedia } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Messages/:MessageSid/Media';
const INSTANCE = '/Accounts/:AccountSid/Messages/:MessageSid/Media/:Sid';

async function loadParent({ deps, params, target, path }: ApiContext) {
  const message = /^(SM|MM)[0-9a-fA-F]{32}$/.test(params.MessageSid!) ? await findMessage(deps.db, target.sid, params.MessageSid!) : undefined;
  if (!message) throw notFound(path);
  return message;
}

async function loadMedia(ctx: ApiContext) {
  const message = await loadParent(ctx);
  const media = await findMedia(ctx.deps.db, message.sid, ctx.params.Sid!);
  if (!media) throw notFound(ctx.path);
  return media;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: ['DateCreated', 'DateCreated<', 'DateCreated>', ...PAGING_PARAMS],
  async handle(ctx) {
    const message = await loadParent(ctx);
    const request = readPageRequest(ctx.query);
    const createdRange = readDateRange(ctx.query, 'DateCreated');
    const result = await listMedia(ctx.deps.db, message.sid, createdRange.range, request);
    return ok(
      listEnvelope({
        key: 'media_list',
        path: `/Accounts/${ctx.target.sid}/Messages/${message.sid}/Media`,
        filters: createdRange.echoed,
        request,
        result,
        serialize: serializeMedia,
        cursorOf: sidCursor,
      }),
    );
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  sids: { Sid: 'ME' },
  async handle(ctx) {
    return ok(serializeMedia(await loadMedia(ctx)));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids: { Sid: 'ME' },
  async handle(ctx) {
    const media = await loadMedia(ctx);
    await ctx.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('message_media').where('sid', '=', media.sid).execute();
      await trx.updateTable('messages').set((eb) => ({ num_media: eb('num_media', '-', 1) })).where('sid', '=', media.message_sid).execute();
    });
    return deleted();
  },
};

export const mediaRoutes: ApiRoute[] = [list, fetch, remove];
