import { notFound } from '../../../errors/twilio-error.ts';
import { createApiKey, deleteApiKey, findApiKey, listApiKeys, renameApiKey, type ApiKey, type ApiKeyKind } from '../../../storage/repositories/api-keys.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';
import { serializeKey, serializeNewKey } from './serialize.ts';

const sids = { Sid: 'SK' };

/** The five endpoints of `Keys` or `SigningKeys`: the same resource but for its kind and list key. */
function keyRoutes(resource: 'Keys' | 'SigningKeys', kind: ApiKeyKind, listKey: string): ApiRoute[] {
  const LIST = `/Accounts/:AccountSid/${resource}`;
  const INSTANCE = `${LIST}/:Sid`;

  async function loadKey({ deps, params, target, path }: ApiContext): Promise<ApiKey> {
    const key = await findApiKey(deps.db, target.sid, kind, params.Sid!);
    if (!key) throw notFound(path);
    return key;
  }
  const readName = (ctx: ApiContext): string | null | undefined => {
    const name = friendlyName(ctx.form, 'FriendlyName');
    return name === '' ? null : name;
  };

  return [
    {
      method: 'GET',
      path: LIST,
      query: PAGING_PARAMS,
      async handle({ deps, target, query }) {
        const request = readPageRequest(query);
        const result = await listApiKeys(deps.db, target.sid, kind, request);
        return ok(listEnvelope({ key: listKey, path: `/Accounts/${target.sid}/${resource}`, filters: [], request, result, serialize: serializeKey, cursorOf: sidCursor }));
      },
    },
    {
      method: 'POST',
      path: LIST,
      form: ['FriendlyName'],
      async handle(ctx) {
        const { key, secret } = await createApiKey(ctx.deps.db, { accountSid: ctx.target.sid, kind, friendlyName: readName(ctx) ?? null, now: ctx.now });
        return created(serializeNewKey(key, secret));
      },
    },
    {
      method: 'GET',
      path: INSTANCE,
      sids,
      async handle(ctx) {
        return ok(serializeKey(await loadKey(ctx)));
      },
    },
    {
      method: 'POST',
      path: INSTANCE,
      sids,
      form: ['FriendlyName'],
      async handle(ctx) {
        const name = readName(ctx);
        const key = await loadKey(ctx);
        if (name === undefined) return ok(serializeKey(key));
        await renameApiKey(ctx.deps.db, key.sid, name, ctx.now);
        return ok(serializeKey({ ...key, friendly_name: name, date_updated: ctx.now }));
      },
    },
    {
      method: 'DELETE',
      path: INSTANCE,
      sids,
      async handle(ctx) {
        await deleteApiKey(ctx.deps.db, (await loadKey(ctx)).sid);
        return deleted();
      },
    },
  ];
}

export const apiKeyRoutes: ApiRoute[] = [...keyRoutes('Keys', 'standard', 'keys'), ...keyRoutes('SigningKeys', 'signing', 'signing_keys')];
