import type { Call } from '../../storage/repositories/calls.ts';

const GEO = ['City', 'State', 'Zip', 'Country'];

/**
 * The parameters Twilio sends with every voice request: the call's identity and status, the legacy
 * `Caller`/`Called` aliases, and the geographic fields, present and empty (Switchboard looks none up).
 */
export function voiceParams(call: Pick<Call, 'sid' | 'account_sid' | 'from' | 'to' | 'direction' | 'parent_call_sid'>, callStatus: string): Record<string, string> {
  const params: Record<string, string> = {
    CallSid: call.sid,
    AccountSid: call.account_sid,
    From: call.from,
    To: call.to,
    Caller: call.from,
    Called: call.to,
    CallStatus: callStatus,
    ApiVersion: '2010-04-01',
    Direction: call.direction,
  };
  for (const side of ['From', 'To', 'Caller', 'Called']) for (const field of GEO) params[side + field] = '';
  if (call.parent_call_sid) params.ParentCallSid = call.parent_call_sid;
  return params;
}
