import { notFound } from '../../../errors/twilio-error.ts';
import type { Params } from '../../../http/params.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { ok, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';

/**
 * Resources an account links to (`subresource_uris`) that Switchboard does not simulate: nothing ever
 * creates them, so their lists are real, always empty, in Twilio's shape, with their filters checked
 * and echoed; an instance is a 404.
 */
interface EmptyList {
  path: string;
  key: string;
  /** Filters Twilio accepts, checked by `check` and echoed in page URIs. */
  filters: readonly string[];
  check?: (query: Params) => void;
  /** The instance path (SID parameter `Sid`) and its prefix, when Twilio has one to fetch. */
  instance?: { prefix: string };
}

const CONFERENCE_STATUSES = ['init', 'in-progress', 'completed'] as const;

const EMPTY_LISTS: EmptyList[] = [
  {
    path: 'Conferences',
    key: 'conferences',
    filters: ['DateCreated', 'DateCreated<', 'DateCreated>', 'DateUpdated', 'DateUpdated<', 'DateUpdated>', 'FriendlyName', 'Status'],
    check(query) {
      readDateRange(query, 'DateCreated');
      readDateRange(query, 'DateUpdated');
      enumValue(query, 'Status', CONFERENCE_STATUSES);
    },
    instance: { prefix: 'CF' },
  },
  { path: 'SIP/Domains', key: 'domains', filters: [], instance: { prefix: 'SD' } },
  { path: 'SIP/CredentialLists', key: 'credential_lists', filters: [], instance: { prefix: 'CL' } },
  { path: 'SIP/IpAccessControlLists', key: 'ip_access_control_lists', filters: [], instance: { prefix: 'AL' } },
];

const listRoute = ({ path, key, filters, check }: EmptyList): ApiRoute => ({
  method: 'GET',
  path: `/Accounts/:AccountSid/${path}`,
  query: [...filters, ...PAGING_PARAMS],
  async handle({ target, query }) {
    const request = readPageRequest(query);
    check?.(query);
    const echoed = [...query].filter(([name]) => filters.includes(name)).map(([name, values]) => [name, values[0] ?? ''] as const);
    return ok(
      listEnvelope({
        key,
        path: `/Accounts/${target.sid}/${path}`,
        filters: echoed,
        request,
        result: { rows: [], hasNext: false, hasPrevious: false },
        serialize: () => null,
        cursorOf: () => ({ created: 0, key: '' }),
      }),
    );
  },
});

const fetchRoute = (path: string, prefix: string): ApiRoute => ({
  method: 'GET',
  path: `/Accounts/:AccountSid/${path}/:Sid`,
  sids: { Sid: prefix },
  handle: async (ctx) => {
    throw notFound(ctx.path);
  },
});

export const unsimulatedRoutes: ApiRoute[] = EMPTY_LISTS.flatMap((list) => [
  listRoute(list),
  ...(list.instance ? [fetchRoute(list.path, list.instance.prefix)] : []),
]);
