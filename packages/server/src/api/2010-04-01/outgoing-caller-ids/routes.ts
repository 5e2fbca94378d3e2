import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { deleteCallerId, findCallerId, listCallerIds, renameCallerId, type OutgoingCallerId } from '../../../storage/repositories/outgoing-caller-ids.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';

const INSTANCE = '/Accounts/:AccountSid/OutgoingCallerIds/:Sid';
const sids = { Sid: 'PN' };

export const serializeCallerId = (c: OutgoingCallerId) => ({
  account_sid: c.account_sid,
  date_created: rfc2822(c.date_created),
  date_updated: rfc2822(c.date_updated),
  friendly_name: c.friendly_name,
  phone_number: c.phone_number,
  sid: c.sid,
  uri: `/2010-04-01/Accounts/${c.account_sid}/OutgoingCallerIds/${c.sid}.json`,
});

async function loadCallerId({ deps, params, target, path }: ApiContext): Promise<OutgoingCallerId> {
  const callerId = await findCallerId(deps.db, target.sid, params.Sid!);
  if (!callerId) throw notFound(path);
  return callerId;
}

const list: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/OutgoingCallerIds',
  query: ['PhoneNumber', 'FriendlyName', ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const filters = { phoneNumber: one(query, 'PhoneNumber'), friendlyName: one(query, 'FriendlyName') };
    const echoed: Array<[string, string]> = [];
    if (filters.phoneNumber !== undefined) echoed.push(['PhoneNumber', filters.phoneNumber]);
    if (filters.friendlyName !== undefined) echoed.push(['FriendlyName', filters.friendlyName]);
    const result = await listCallerIds(deps.db, target.sid, filters, request);
    return ok(
      listEnvelope({
        key: 'outgoing_caller_ids',
        path: `/Accounts/${target.sid}/OutgoingCallerIds`,
        filters: echoed,
        request,
        result,
        serialize: serializeCallerId,
        cursorOf: sidCursor,
      }),
    );
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeCallerId(await loadCallerId(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['FriendlyName'],
  async handle(ctx) {
    const name = friendlyName(ctx.form, 'FriendlyName');
    const callerId = await loadCallerId(ctx);
    if (name === undefined) return ok(serializeCallerId(callerId));
    if (name === '') throw invalidParameter('FriendlyName cannot be empty.');
    await renameCallerId(ctx.deps.db, callerId.sid, name, ctx.now);
    return ok(serializeCallerId({ ...callerId, friendly_name: name, date_updated: ctx.now }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await deleteCallerId(ctx.deps.db, (await loadCallerId(ctx)).sid);
    return deleted();
  },
};

export const outgoingCallerIdRoutes: ApiRoute[] = [list, fetch, update, remove];
