import type { Fault } from '../../../storage/repositories/test-faults.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export const serializeFault = (fault: Fault) => ({
  sid: fault.sid,
  account_sid: fault.account_sid,
  method: fault.method,
  path: fault.path,
  status: fault.status,
  code: fault.code,
  retry_after: fault.retry_after,
  delay_ms: fault.delay_ms,
  times_remaining: fault.remaining,
  date_created: rfc2822(fault.date_created),
  date_updated: rfc2822(fault.date_updated),
  uri: `/_switchboard/Accounts/${fault.account_sid}/Faults/${fault.sid}.json`,
});
