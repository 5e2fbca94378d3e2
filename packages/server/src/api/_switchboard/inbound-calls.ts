import { serializeCall } from '../2010-04-01/calls/serialize.ts';
import { created, type ApiRoute } from '../2010-04-01/route.ts';
import { receiveCall } from '../../telephony/inbound/receive-call.ts';

/**
 * `POST /_switchboard/Accounts/{AccountSid}/Inbound/Calls.json`: someone calls one of the account's
 * numbers, with a script: `Digits` and `SpeechResult` (repeated: what they give at the 1st, 2nd …
 * `<Gather>`) and `HangupAfter` (seconds). The call rings and its number's TwiML runs.
 */
export const inboundCall: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Inbound/Calls',
  operation: { scope: 'control', method: 'POST' },
  form: ['From', 'To', 'Digits', 'SpeechResult', 'HangupAfter'],
  async handle({ deps, target, form, now }) {
    return created(serializeCall(await receiveCall(deps.db, target, form, now)));
  },
};
