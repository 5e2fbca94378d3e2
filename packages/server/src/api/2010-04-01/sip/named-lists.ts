import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { deleteList, findList, insertList, listLists, renameList, type ListKind, type SipList } from '../../../storage/repositories/sip/lists.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { newSid } from '../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';
import { sipPath, uri } from './paths.ts';

/**
 * Credential Lists and IP Access Control Lists are the same thing for the API: a named set of
 * entries, with a SID, a path and one subresource of their own.
 */
export interface NamedListKind {
  kind: ListKind;
  prefix: 'CL' | 'AL';
  /** Path segment under `/SIP` and list key. */
  segment: 'CredentialLists' | 'IpAccessControlLists';
  key: string;
  /** The entries' path segment and their `subresource_uris` key. */
  entries: { segment: string; key: string };
  /** Twilio's limit on the name: 64 for credential lists, 255 for IP access control lists. */
  maxName: number;
}

export const CREDENTIAL_LISTS: NamedListKind = {
  kind: 'credential',
  prefix: 'CL',
  segment: 'CredentialLists',
  key: 'credential_lists',
  entries: { segment: 'Credentials', key: 'credentials' },
  maxName: 64,
};

export const IP_ACCESS_CONTROL_LISTS: NamedListKind = {
  kind: 'ip',
  prefix: 'AL',
  segment: 'IpAccessControlLists',
  key: 'ip_access_control_lists',
  entries: { segment: 'IpAddresses', key: 'ip_addresses' },
  maxName: 255,
};

const serializeList = (kind: NamedListKind) => (list: SipList) => {
  const path = `${sipPath(list.account_sid)}/${kind.segment}/${list.sid}`;
  return {
    account_sid: list.account_sid,
    date_created: rfc2822(list.date_created),
    date_updated: rfc2822(list.date_updated),
    friendly_name: list.friendly_name,
    sid: list.sid,
    subresource_uris: { [kind.entries.key]: uri(`${path}/${kind.entries.segment}`) },
    uri: uri(path),
  };
};

/** The list a path names (`param`), in the path's account; another account's list is a 404. */
export async function loadList({ deps, params, target, path }: ApiContext, kind: NamedListKind, param: string): Promise<SipList> {
  const found = await findList(deps.db, target.sid, kind.kind, params[param]!);
  if (!found) throw notFound(path);
  return found;
}

const readName = (kind: NamedListKind, form: ApiContext['form']): string => {
  const name = friendlyName(form, 'FriendlyName', { required: true, max: kind.maxName });
  if (!name) throw invalidParameter('FriendlyName is required.');
  return name;
};

export function namedListRoutes(kind: NamedListKind): ApiRoute[] {
  const LIST = `/Accounts/:AccountSid/SIP/${kind.segment}`;
  const INSTANCE = `${LIST}/:Sid`;
  const sids = { Sid: kind.prefix };
  const serialize = serializeList(kind);
  return [
    {
      method: 'GET',
      path: LIST,
      query: [...PAGING_PARAMS],
      async handle({ deps, target, query }) {
        const request = readPageRequest(query);
        const result = await listLists(deps.db, target.sid, kind.kind, request);
        return ok(listEnvelope({ key: kind.key, path: `${sipPath(target.sid)}/${kind.segment}`, filters: [], request, result, serialize, cursorOf: sidCursor }));
      },
    },
    {
      method: 'POST',
      path: LIST,
      form: ['FriendlyName'],
      async handle({ deps, target, form, now }) {
        const row: SipList = { sid: newSid(kind.prefix), account_sid: target.sid, kind: kind.kind, friendly_name: readName(kind, form), date_created: now, date_updated: now };
        await insertList(deps.db, row);
        return created(serialize(row));
      },
    },
    { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serialize(await loadList(ctx, kind, 'Sid'))) },
    {
      method: 'POST',
      path: INSTANCE,
      sids,
      form: ['FriendlyName'],
      async handle(ctx) {
        const name = readName(kind, ctx.form);
        const found = await loadList(ctx, kind, 'Sid');
        await renameList(ctx.deps.db, found.sid, name, ctx.now);
        return ok(serialize({ ...found, friendly_name: name, date_updated: ctx.now }));
      },
    },
    {
      method: 'DELETE',
      path: INSTANCE,
      sids,
      async handle(ctx) {
        await deleteList(ctx.deps.db, await loadList(ctx, kind, 'Sid'));
        return deleted();
      },
    },
  ];
}
