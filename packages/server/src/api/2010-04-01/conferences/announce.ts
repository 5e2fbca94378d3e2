import type { Kysely } from 'kysely';
import { TwilioError } from '../../../errors/twilio-error.ts';
import type { Params } from '../../../http/params.ts';
import type { Conference } from '../../../storage/repositories/conferences.ts';
import type { Database } from '../../../storage/schema.ts';
import { requestTwiml } from '../../../telephony/twiml/request-twiml.ts';
import { httpMethod, webhookUrl } from '../calls/read-settings.ts';

/** `AnnounceUrl` (+ `AnnounceMethod`), checked before anything changes. */
export function readAnnouncement(form: Params): { url: string; method: 'GET' | 'POST' } | null {
  const url = webhookUrl(form, 'AnnounceUrl', 21205);
  const method = httpMethod(form, 'AnnounceMethod') ?? 'POST';
  return url ? { url, method } : null;
}

/**
 * Plays an announcement (or hold music) into a live conference or to one participant: its TwiML is requested, signed
 * and logged like every request to the app, and stands for what everyone hears.
 */
export async function playInto(db: Kysely<Database>, conference: Conference, announcement: { url: string; method: 'GET' | 'POST' }, callSid: string | null, at: number): Promise<void> {
  if (conference.status === 'completed') throw TwilioError.validation(21220, `Conference ${conference.sid} has ended: there is nobody to announce to.`);
  const params: Record<string, string> = { AccountSid: conference.account_sid, ConferenceSid: conference.sid, FriendlyName: conference.friendly_name };
  if (callSid) params.CallSid = callSid;
  await requestTwiml(db, { type: 'call.twiml', accountSid: conference.account_sid, resourceSid: callSid ?? conference.sid, ...announcement, params, at });
}
