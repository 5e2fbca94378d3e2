import type { ConnectActivity } from '../../storage/repositories/connect-activity.ts';
import { rfc2822 } from '../../util/rfc2822.ts';

/** One request of the audit trail as the API lists it; `price` is what the request bought, once priced. */
export const serializeActivity = (row: ConnectActivity, price: string | null) => ({
  account_sid: row.account_sid,
  connect_app_sid: row.connect_app_sid,
  date_created: rfc2822(row.date_created),
  error_code: row.error_code,
  method: row.method,
  missing_permission: row.missing_permission,
  path: row.path,
  price,
  price_unit: 'USD',
  resource: row.resource,
  resource_sid: row.resource_sid,
  sid: row.sid,
  status: row.status,
  subaccount_sid: row.subaccount_sid,
});
