import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { findConference, listConferences, type Conference } from '../../../storage/repositories/conferences.ts';
import type { ConferenceStatus } from '../../../storage/schema-rooms.ts';
import { endConference } from '../../../telephony/rooms/leave-conference.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { ok, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { playInto, readAnnouncement } from './announce.ts';
import { serializeConference } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Conferences';
const INSTANCE = '/Accounts/:AccountSid/Conferences/:Sid';
const STATUSES: ConferenceStatus[] = ['init', 'in-progress', 'completed'];

export async function loadConference({ deps, params, target, path }: ApiContext, name = 'Sid'): Promise<Conference> {
  const conference = await findConference(deps.db, target.sid, params[name]!);
  if (!conference) throw notFound(path);
  return conference;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: ['Status', 'FriendlyName', 'DateCreated', 'DateCreated<', 'DateCreated>', 'DateUpdated', 'DateUpdated<', 'DateUpdated>', ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const created = readDateRange(query, 'DateCreated');
    const updated = readDateRange(query, 'DateUpdated');
    const status = enumValue(query, 'Status', STATUSES);
    const friendlyName = one(query, 'FriendlyName');
    const result = await listConferences(deps.db, target.sid, { status, friendlyName, dateCreated: created.range, dateUpdated: updated.range }, request);
    const echoed: Array<[string, string]> = [];
    if (status !== undefined) echoed.push(['Status', status]);
    if (friendlyName !== undefined) echoed.push(['FriendlyName', friendlyName]);
    const filters = [...echoed, ...created.echoed, ...updated.echoed];
    return ok(listEnvelope({ key: 'conferences', path: `/Accounts/${target.sid}/Conferences`, filters, request, result, serialize: serializeConference, cursorOf: sidCursor }));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids: { Sid: 'CF' }, handle: async (ctx) => ok(serializeConference(await loadConference(ctx))) };

/** `Status=completed` ends the conference (everyone in it leaves); `AnnounceUrl` plays an announcement into it. */
const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids: { Sid: 'CF' },
  form: ['Status', 'AnnounceUrl', 'AnnounceMethod'],
  async handle(ctx) {
    const status = enumValue(ctx.form, 'Status', ['completed'] as const);
    const announcement = readAnnouncement(ctx.form);
    let conference = await loadConference(ctx);
    if (announcement) await playInto(ctx.deps.db, conference, announcement, null, ctx.now);
    if (status && conference.status !== 'completed') {
      conference = await ctx.deps.db.transaction().execute((trx) => endConference(trx, conference, 'conference-ended-via-api', null, ctx.now));
    } else if (status) {
      throw TwilioError.validation(21220, `Conference ${conference.sid} has already ended.`);
    }
    return ok(serializeConference(conference));
  },
};

export const conferenceRoutes: ApiRoute[] = [list, fetch, update];
