import { ACTIVITY_FILTER_PARAMS, readActivityQuery } from '../../audit/read-activity-filters.ts';
import { pricesOf } from '../../audit/request-prices.ts';
import { listActivity, type ActivityScope } from '../../storage/repositories/connect-activity.ts';
import type { Account } from '../../storage/repositories/accounts.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../2010-04-01/paging.ts';
import { ok, type ApiRoute } from '../2010-04-01/route.ts';
import { serializeActivity } from './connect-activity-serialize.ts';

/** A top-level account sees every app's requests on it; a Connect subaccount, those made in its name. */
const scopeOf = (target: Account, connectAppSid: string | undefined): ActivityScope =>
  target.parent_sid === null ? { accountSid: target.sid, connectAppSid } : { accountSid: target.parent_sid, subaccountSid: target.sid, connectAppSid };

/** The customer's audit trail of the Connect Apps they authorized, for scripts: newest first, keyset-paged. */
export const connectActivity: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/ConnectActivity',
  operation: { scope: 'control', method: 'GET' },
  query: [...ACTIVITY_FILTER_PARAMS, ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const { filters, connectAppSid, echoed } = readActivityQuery(query);
    const result = await listActivity(deps.db, scopeOf(target, connectAppSid), filters, request);
    const prices = await pricesOf(deps.db, result.rows.map((r) => r.resource_sid));
    return ok(
      listEnvelope({
        key: 'connect_activity',
        prefix: '/_switchboard',
        path: `/Accounts/${target.sid}/ConnectActivity`,
        filters: echoed,
        request,
        result,
        serialize: (row) => serializeActivity(row, row.resource_sid === null ? null : (prices.get(row.resource_sid) ?? null)),
        cursorOf: sidCursor,
      }),
    );
  },
};
