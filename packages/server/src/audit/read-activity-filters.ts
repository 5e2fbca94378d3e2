import { readDateRange } from '../api/2010-04-01/date-filters.ts';
import { enumValue } from '../api/2010-04-01/validate.ts';
import { invalidParameter } from '../errors/twilio-error.ts';
import { one, type Params } from '../http/params.ts';
import type { ActivityFilters } from '../storage/repositories/connect-activity.ts';
import { isSid } from '../util/sid.ts';

export const ACTIVITY_FILTER_PARAMS = ['Status', 'Method', 'Resource', 'Day', 'StartTime', 'StartTime>', 'StartTime<', 'ConnectAppSid'] as const;

export interface ActivityQuery {
  filters: ActivityFilters;
  connectAppSid: string | undefined;
  /** The filters as given, for page links. */
  echoed: Array<[string, string]>;
}

const readStatus = (query: Params): number | undefined => {
  const raw = one(query, 'Status');
  if (raw === undefined) return undefined;
  if (!/^[1-5]\d\d$/.test(raw)) throw invalidParameter(`Status must be an HTTP status code such as 200 or 403; got '${raw}'.`);
  return Number(raw);
};

const readResource = (query: Params): string | undefined => {
  const raw = one(query, 'Resource');
  if (raw !== undefined && !/^[A-Za-z]{1,64}$/.test(raw)) throw invalidParameter(`Resource must be a resource name such as Messages or Calls; got '${raw}'.`);
  return raw;
};

const readAppSid = (query: Params): string | undefined => {
  const raw = one(query, 'ConnectAppSid');
  if (raw !== undefined && !isSid('CN', raw)) throw invalidParameter(`ConnectAppSid must be a Connect App SID (CN followed by 32 hex digits); got '${raw}'.`);
  return raw;
};

/** The audit trail's filters, from the API's query or a Console page's; bad values are 400s that say what fits. */
export function readActivityQuery(query: Params): ActivityQuery {
  const status = readStatus(query);
  const method = enumValue(query, 'Method', ['GET', 'POST', 'DELETE'] as const, (v) => v.toUpperCase());
  const resource = readResource(query);
  const connectAppSid = readAppSid(query);
  const day = readDateRange(query, 'Day');
  const start = readDateRange(query, 'StartTime');
  const from = Math.max(day.range.from ?? -Infinity, start.range.from ?? -Infinity);
  const to = Math.min(day.range.to ?? Infinity, start.range.to ?? Infinity);
  const echoed: Array<[string, string]> = [];
  for (const name of ['Status', 'Method', 'Resource', 'ConnectAppSid'] as const) {
    const value = one(query, name);
    if (value !== undefined) echoed.push([name, value]);
  }
  echoed.push(...day.echoed.filter(([name]) => name === 'Day'), ...start.echoed);
  return {
    filters: { status, method, resource, from: Number.isFinite(from) ? from : undefined, to: Number.isFinite(to) ? to : undefined },
    connectAppSid,
    echoed,
  };
}
