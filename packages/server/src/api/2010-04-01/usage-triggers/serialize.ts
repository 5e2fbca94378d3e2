import type { UsageTrigger } from '../../../storage/repositories/usage-triggers.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export const serializeUsageTrigger = (t: UsageTrigger) => ({
  account_sid: t.account_sid,
  api_version: '2010-04-01',
  callback_method: t.callback_method,
  callback_url: t.callback_url,
  current_value: t.current_value,
  date_created: rfc2822(t.date_created),
  date_fired: t.date_fired === null ? null : rfc2822(t.date_fired),
  date_updated: rfc2822(t.date_updated),
  friendly_name: t.friendly_name,
  recurring: t.recurring,
  sid: t.sid,
  trigger_by: t.trigger_by,
  trigger_value: t.trigger_value,
  uri: `/2010-04-01/Accounts/${t.account_sid}/Usage/Triggers/${t.sid}.json`,
  usage_category: t.usage_category,
  usage_record_uri: `/2010-04-01/Accounts/${t.account_sid}/Usage/Records.json?Category=${t.usage_category}`,
});
