import { serializeCall } from '../2010-04-01/calls/serialize.ts';
import { created, type ApiRoute } from '../2010-04-01/route.ts';
import { receiveCall } from '../../telephony/inbound/receive-call.ts';
import { receiveSipCall } from '../../telephony/inbound/sip/receive-sip-call.ts';
import { one } from '../../http/params.ts';

/**
 * `POST /_switchboard/Accounts/{AccountSid}/Inbound/Calls.json`: someone calls one of the account's
 * numbers, with a script: `Digits` and `SpeechResult` (repeated: what they give at the 1st, 2nd …
 * `<Gather>`) and `HangupAfter` (seconds). The call rings and its number's TwiML runs. A `To` of
 * `sip:user@{domain}.sip.twilio.com` calls one of the account's SIP domains instead, authenticated by
 * `SipSourceIp` and `SipUsername`/`SipPassword` (a refused caller gets 403 and no call exists).
 */
export const inboundCall: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Inbound/Calls',
  operation: { scope: 'control', method: 'POST' },
  form: ['From', 'To', 'Digits', 'SpeechResult', 'HangupAfter', 'SipSourceIp', 'SipUsername', 'SipPassword', 'SipCallId'],
  async handle({ deps, target, form, now }) {
    const receive = /^sips?:/i.test(one(form, 'To') ?? '') ? receiveSipCall : receiveCall;
    return created(serializeCall(await receive(deps.db, target, form, now)));
  },
};
