import { decimalFromMicros } from './money.ts';
import { isoDay } from './periods.ts';
import type { UsageRow } from './usage-page.ts';

/** Twilio's list subresources, as `subresource_uris` keys and path segments. */
export const USAGE_SUBRESOURCES = {
  all_time: 'AllTime',
  daily: 'Daily',
  last_month: 'LastMonth',
  monthly: 'Monthly',
  this_month: 'ThisMonth',
  today: 'Today',
  yearly: 'Yearly',
  yesterday: 'Yesterday',
} as const;

/** `2019-06-24T22:32:49+00:00`. */
export const asOf = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;

/**
 * One usage record. `count` and `usage` are strings and `price` a (positive) number, as Twilio's spec
 * types them; `totalprice` counts nothing and its usage is the price in dollars.
 */
export function serializeUsageRecord(row: UsageRow, accountSid: string, listPath: string, asOfText: string) {
  const { category, period } = row;
  const records = `/2010-04-01/Accounts/${accountSid}/Usage/Records`;
  const startDate = isoDay(period.start);
  const endDate = isoDay(period.end);
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    as_of: asOfText,
    category: category.name,
    count: category.isPrice ? '0' : String(row.count),
    count_unit: category.countUnit,
    description: category.description,
    end_date: endDate,
    price: row.priceMicros / 1_000_000,
    price_unit: 'usd',
    start_date: startDate,
    subresource_uris: Object.fromEntries(
      Object.entries(USAGE_SUBRESOURCES).map(([key, segment]) => [key, `${records}/${segment}.json?Category=${category.name}`]),
    ),
    uri: `/2010-04-01${listPath}.json?Category=${category.name}&StartDate=${startDate}&EndDate=${endDate}`,
    usage: category.isPrice ? decimalFromMicros(row.priceMicros, 0) : String(row.usage),
    usage_unit: category.usageUnit,
  };
}
