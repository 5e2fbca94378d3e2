import type { Call, ListedCall } from '../../../storage/repositories/calls.ts';
import { formatNational } from '../../../telephony/phone-number.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export const SUBRESOURCE_PATHS: ReadonlyArray<readonly [string, string]> = [
  ['notifications', 'Notifications'], ['recordings', 'Recordings'], ['payments', 'Payments'], ['events', 'Events'], ['siprec', 'Siprec'],
  ['streams', 'Streams'], ['transcriptions', 'Transcriptions'], ['user_defined_message_subscriptions', 'UserDefinedMessageSubscriptions'],
  ['user_defined_messages', 'UserDefinedMessages'],
];

/** A plain loop: a page of calls builds fifty of these. */
function subresourceUris(base: string): Record<string, string> {
  const uris: Record<string, string> = {};
  for (const [key, path] of SUBRESOURCE_PATHS) uris[key] = `${base}/${path}.json`;
  return uris;
}

export const callUri = (call: Pick<Call, 'account_sid' | 'sid'>): string => `/2010-04-01/Accounts/${call.account_sid}/Calls/${call.sid}`;

export function serializeCall(call: ListedCall) {
  const base = callUri(call);
  return {
    sid: call.sid,
    date_created: rfc2822(call.date_created),
    date_updated: rfc2822(call.date_updated),
    parent_call_sid: call.parent_call_sid,
    account_sid: call.account_sid,
    to: call.to,
    to_formatted: formatNational(call.to),
    from: call.from,
    from_formatted: formatNational(call.from),
    phone_number_sid: call.phone_number_sid,
    status: call.status,
    start_time: call.start_time === null ? null : rfc2822(call.start_time),
    end_time: call.end_time === null ? null : rfc2822(call.end_time),
    duration: call.duration === null ? null : String(call.duration),
    price: call.price,
    price_unit: 'USD',
    direction: call.direction,
    answered_by: call.answered_by,
    api_version: '2010-04-01',
    forwarded_from: call.forwarded_from,
    group_sid: null,
    caller_name: call.caller_name,
    queue_time: String(call.queue_time),
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: subresourceUris(base),
  };
}
