import type { ListedCall } from '../../../storage/repositories/calls.ts';
import { formatNational } from '../../../telephony/phone-number.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { callUri, SUBRESOURCE_PATHS } from './serialize.ts';

/** Characters JSON must escape (and lone surrogates, which JSON.stringify escapes too). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal: most values need no escaping, and testing for that is cheaper than JSON.stringify. */
const text = (value: string | null): string => (value === null ? 'null' : NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`);
const date = (epochMs: number | null): string => (epochMs === null ? 'null' : `"${rfc2822(epochMs)}"`);

/**
 * The `subresource_uris` members for a call's URI `base`, as one expression of constant parts and `base`,
 * made once from SUBRESOURCE_PATHS: a loop over the paths, appending to a string, cost a page of 50
 * calls some 15 % more of its JSON's time (about 210 against 178 µs, medians of alternating rounds).
 */
const subresourceMembers = new Function(
  'base',
  `return ${SUBRESOURCE_PATHS.map(([key, path], i) => `${JSON.stringify(`${i === 0 ? '' : ','}"${key}":"`)} + base + ${JSON.stringify(`/${path}.json"`)}`).join(' + ')};`,
) as (base: string) => string;

/**
 * One call's JSON, written out directly: byte for byte `JSON.stringify(serializeCall(call))` (a test
 * holds them equal), without building the object first. A page of different calls spends most of
 * its time here, and the intermediate objects were most of its garbage.
 */
export function callText(call: ListedCall): string {
  const uri = callUri(call);
  // SIDs are letters and digits; escaped all the same, as every other value is.
  const base = NEEDS_ESCAPE.test(uri) ? JSON.stringify(uri).slice(1, -1) : uri;
  return (
    `{"sid":${text(call.sid)},"date_created":${date(call.date_created)},"date_updated":${date(call.date_updated)},` +
    `"parent_call_sid":${text(call.parent_call_sid)},"account_sid":${text(call.account_sid)},` +
    `"to":${text(call.to)},"to_formatted":${text(formatNational(call.to))},"from":${text(call.from)},"from_formatted":${text(formatNational(call.from))},` +
    `"phone_number_sid":${text(call.phone_number_sid)},"status":${text(call.status)},"start_time":${date(call.start_time)},"end_time":${date(call.end_time)},` +
    `"duration":${call.duration === null ? 'null' : `"${call.duration}"`},"price":${text(call.price)},"price_unit":"USD",` +
    `"direction":${text(call.direction)},"answered_by":${text(call.answered_by)},"api_version":"2010-04-01","forwarded_from":${text(call.forwarded_from)},` +
    `"group_sid":null,"caller_name":${text(call.caller_name)},"queue_time":"${call.queue_time}","trunk_sid":null,` +
    `"uri":"${base}.json","subresource_uris":{${subresourceMembers(base)}}}`
  );
}

/**
 * The JSON of each call on a page, in page order. Nothing is kept between pages: a page asked for
 * again is answered whole from the response cache, and pages that all differ would only churn a cache
 * of calls (and hold its memory).
 */
export function callJson(calls: readonly ListedCall[]): string[] {
  const page: string[] = new Array(calls.length);
  for (let i = 0; i < calls.length; i++) page[i] = callText(calls[i]!);
  return page;
}
