import type { Kysely } from 'kysely';
import { triggersWatching, updateUsageTrigger, type UsageTrigger } from '../../storage/repositories/usage-triggers.ts';
import type { Database } from '../../storage/schema.ts';
import { rfc2822 } from '../../util/rfc2822.ts';
import { enqueueCallback } from '../callbacks/enqueue-callback.ts';
import { utcDay, type UsageEvent } from '../record-usage.ts';
import { categoriesMovedBy, measure, periodOf, type TriggerPeriod } from './trigger-value.ts';

const RECORDS_LIST: Record<UsageTrigger['recurring'], string> = { daily: 'Daily', monthly: 'Monthly', yearly: 'Yearly', alltime: 'AllTime' };

/** The usage records the firing is about, as Twilio links them: the period's records of the category. */
function usageRecordUri(trigger: UsageTrigger, period: TriggerPeriod, at: number): string {
  const dates = trigger.recurring === 'alltime' ? '' : `&StartDate=${period.from}&EndDate=${utcDay(at)}`;
  return `/2010-04-01/Accounts/${trigger.account_sid}/Usage/Records/${RECORDS_LIST[trigger.recurring]}.json?Category=${trigger.usage_category}${dates}`;
}

/**
 * Runs after usage is recorded, in its transaction and at its instant: brings the current value of
 * every trigger the usage moves up to date, and calls back (through the outbox) the triggers whose
 * value it reached, once per period.
 */
export async function fireUsageTriggers(db: Kysely<Database>, event: UsageEvent): Promise<void> {
  const triggers = await triggersWatching(db, event.accountSid, categoriesMovedBy(event.category));
  for (const trigger of triggers) {
    const period = periodOf(trigger.recurring, event.at);
    const current = await measure(db, trigger, period);
    const firedThisPeriod = trigger.date_fired !== null && trigger.date_fired >= period.startsAt;
    const fires = !firedThisPeriod && current.value >= Number(trigger.trigger_value);
    await updateUsageTrigger(db, trigger.sid, { current_value: current.text, ...(fires ? { date_fired: event.at } : {}) });
    if (!fires) continue;
    await enqueueCallback(db, {
      type: 'usage.trigger',
      accountSid: trigger.account_sid,
      resourceSid: trigger.sid,
      url: trigger.callback_url,
      method: trigger.callback_method,
      at: event.at,
      params: () => ({
        AccountSid: trigger.account_sid,
        UsageTriggerSid: trigger.sid,
        DateFired: rfc2822(event.at),
        Recurring: trigger.recurring,
        UsageCategory: trigger.usage_category,
        TriggerBy: trigger.trigger_by,
        TriggerValue: trigger.trigger_value,
        CurrentValue: current.text,
        UsageRecordUri: usageRecordUri(trigger, period, event.at),
        IdempotencyToken: `${trigger.account_sid}-FIRES-${trigger.sid}-${period.from}`,
      }),
    });
  }
}
