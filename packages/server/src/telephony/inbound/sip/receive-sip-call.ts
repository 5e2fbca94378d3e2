import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { integerParam } from '../../../api/2010-04-01/calls/read-settings.ts';
import { isIpv4 } from '../../../api/2010-04-01/sip/ip-access-control-lists/read-address.ts';
import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { Call } from '../../../storage/repositories/calls.ts';
import { findDomainByName } from '../../../storage/repositories/sip/domains.ts';
import type { Database } from '../../../storage/schema.ts';
import { timeOrderedSid } from '../../../util/sid.ts';
import { newConversation } from '../../voice/conversation.ts';
import { authenticateSipCall } from './authenticate-sip-call.ts';
import { domainNameOf, parseSipUri } from './sip-uri.ts';

// A caller that names no source is on this machine, where a softphone under test runs.
const DEFAULT_SOURCE_IP = '127.0.0.1';

function readSipCallId(form: Params): string {
  const given = one(form, 'SipCallId');
  if (given === undefined || given === '') return `${randomBytes(16).toString('hex')}@0.0.0.0`;
  if (given.length > 255 || /\s/.test(given)) throw invalidParameter('SipCallId must be up to 255 characters without spaces.');
  return given;
}

/**
 * Someone calls `sip:user@{domain}.sip.twilio.com`: the domain (of the target account) authenticates
 * the caller, then the call rings and the domain's VoiceUrl runs, every TwiML request carrying
 * Twilio's SIP parameters. The caller's script is the one of calls to numbers.
 */
export async function receiveSipCall(db: Kysely<Database>, target: { sid: string }, form: Params, now: number): Promise<Call> {
  const from = one(form, 'From');
  const to = one(form, 'To')!;
  if (!from) throw TwilioError.validation(21213, "No 'From' is specified: the SIP URI of the caller, such as sip:bob@203.0.113.10.");
  if (!parseSipUri(from)) throw TwilioError.validation(21212, `The 'From' ${from} is not a SIP URI such as sip:bob@203.0.113.10.`);
  const called = parseSipUri(to);
  if (!called) throw TwilioError.validation(21201, `The 'To' ${to} is not a SIP URI such as sip:alice@example.sip.twilio.com.`);
  const sourceIp = one(form, 'SipSourceIp') || DEFAULT_SOURCE_IP;
  if (!isIpv4(sourceIp)) throw invalidParameter(`SipSourceIp '${sourceIp}' is not an IPv4 address.`);
  const sipCallId = readSipCallId(form);
  const digits = form.get('Digits') ?? [];
  if (digits.some((d) => !/^[0-9*#wW]*$/.test(d))) throw invalidParameter('Digits may contain only 0-9, * and # (and w/W pauses).');
  const hangupAfter = integerParam(form, 'HangupAfter', 1, 14_400);
  const domain = await findDomainByName(db, domainNameOf(called.host));
  if (!domain || domain.account_sid !== target.sid) {
    throw TwilioError.validation(21606, `${called.host} is not a SIP domain of account ${target.sid}: create it (SIP/Domains) first.`);
  }
  const username = await authenticateSipCall(db, domain, { sourceIp, username: one(form, 'SipUsername'), password: one(form, 'SipPassword') });
  const { config } = domain;
  if (!config.voice_url) throw invalidParameter(`${domain.domain_name} has no VoiceUrl: set one to answer calls.`);
  const conversation = newConversation(
    now,
    { url: config.voice_url, method: config.voice_method, params: {} },
    config.voice_fallback_url ? { url: config.voice_fallback_url, method: config.voice_fallback_method } : null,
    { digits: digits.map((d) => d.replace(/[wW]/g, '')), speech: [...(form.get('SpeechResult') ?? [])], hangupAt: hangupAfter === null ? null : now + hangupAfter * 1000 },
  );
  conversation.callParams = { SipDomain: domain.domain_name, SipDomainSid: domain.sid, SipCallId: sipCallId, SipSourceIp: sourceIp, ...(username ? { SipUsername: username } : {}) };
  const call: Call = {
    sid: timeOrderedSid('CA', now), account_sid: target.sid, parent_call_sid: null, to, from, phone_number_sid: null, status: 'ringing', direction: 'inbound',
    start_time: null, end_time: null, duration: null, price: null, answered_by: null, caller_name: null, forwarded_from: null, queue_time: 0,
    url: config.voice_url, method: config.voice_method, twiml: null, application_sid: null,
    status_callback: config.voice_status_callback_url, status_callback_method: config.voice_status_callback_method, status_callback_events: 'completed',
    fallback_url: config.voice_fallback_url, fallback_method: config.voice_fallback_method, conversation: JSON.stringify(conversation),
    record: 0, outcome: 'completed', ring_seconds: 0, talk_seconds: 0, next_event_at: now, date_created: now, date_updated: now,
  };
  await db.insertInto('calls').values(call).execute();
  return call;
}
