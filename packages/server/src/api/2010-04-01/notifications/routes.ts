import { notFound } from '../../../errors/twilio-error.ts';
import { findCall } from '../../../storage/repositories/calls.ts';
import { findNotification, listNotifications } from '../../../storage/repositories/notifications.ts';
import { readDateRange } from '../date-filters.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { ok, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { serializeNotification, serializeNotificationInstance } from './serialize.ts';

/** The call in the path, when the route is under `/Calls/{CallSid}`; it must be the account's. */
async function callOf({ deps, params, target, path }: ApiContext): Promise<string | undefined> {
  if (params.CallSid === undefined) return undefined;
  if (!(await findCall(deps.db, target.sid, params.CallSid))) throw notFound(path);
  return params.CallSid;
}

const list = (path: string, sids: Record<string, string>): ApiRoute => ({
  method: 'GET',
  path,
  sids,
  query: ['Log', 'MessageDate', 'MessageDate<', 'MessageDate>', ...PAGING_PARAMS],
  async handle(ctx) {
    const callSid = await callOf(ctx);
    const request = readPageRequest(ctx.query);
    const log = enumValue(ctx.query, 'Log', ['0', '1'] as const);
    const date = readDateRange(ctx.query, 'MessageDate');
    const result = await listNotifications(ctx.deps.db, ctx.target.sid, { callSid, log, ...date.range }, request);
    return ok(
      listEnvelope({
        key: 'notifications',
        path: callSid ? `/Accounts/${ctx.target.sid}/Calls/${callSid}/Notifications` : `/Accounts/${ctx.target.sid}/Notifications`,
        filters: [...(log ? [['Log', log] as const] : []), ...date.echoed],
        request,
        result,
        serialize: (n) => serializeNotification(n, callSid !== undefined),
        cursorOf: sidCursor,
      }),
    );
  },
});

const fetch = (path: string, sids: Record<string, string>): ApiRoute => ({
  method: 'GET',
  path,
  sids: { ...sids, Sid: 'NO' },
  async handle(ctx) {
    const callSid = await callOf(ctx);
    const notification = await findNotification(ctx.deps.db, ctx.target.sid, ctx.params.Sid!, callSid);
    if (!notification) throw notFound(ctx.path);
    return ok(serializeNotificationInstance(notification, callSid !== undefined));
  },
});

/** `/Notifications` and `/Calls/{CallSid}/Notifications`: the errors apps' answers caused. Read-only, as in Twilio. */
export const notificationRoutes: ApiRoute[] = [
  list('/Accounts/:AccountSid/Notifications', {}),
  fetch('/Accounts/:AccountSid/Notifications/:Sid', {}),
  list('/Accounts/:AccountSid/Calls/:CallSid/Notifications', { CallSid: 'CA' }),
  fetch('/Accounts/:AccountSid/Calls/:CallSid/Notifications/:Sid', { CallSid: 'CA' }),
];
