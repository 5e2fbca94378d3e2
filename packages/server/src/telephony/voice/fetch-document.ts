import type { Call } from '../../storage/repositories/calls.ts';
import { voiceParams } from '../callbacks/voice-params.ts';
import { notifyError } from '../twiml/notify.ts';
import { parseTwiml, TwimlError, type TwimlElement } from '../twiml/parse.ts';
import { requestTwiml, type TwimlRequest } from '../twiml/request-twiml.ts';
import type { VoiceContext } from './advance-conversation.ts';
import type { PendingFetch } from './conversation.ts';

export type Fetched = { ok: true; verbs: TwimlElement[] } | { ok: false; code: number; message: string };

/**
 * Requests a TwiML document for a call with Twilio's voice parameters plus the verb's own, and reads
 * it: XML runs as TwiML, text/plain is read aloud, an empty answer ends the call. A failure is
 * recorded as a Notification on the call.
 */
export async function fetchDocument(ctx: VoiceContext, call: Call, fetch: PendingFetch, at: number): Promise<Fetched> {
  const { db } = ctx;
  await ctx.beforeAppRequest?.();
  const callStatus = call.status === 'ringing' ? 'ringing' : 'in-progress';
  const request: TwimlRequest = { type: 'call.twiml', accountSid: call.account_sid, resourceSid: call.sid, url: fetch.url, method: fetch.method, params: { ...voiceParams(call, callStatus), ...fetch.params }, at };
  const answer = await requestTwiml(db, request);
  let fetched: Fetched;
  if (!answer.ok) fetched = answer;
  else if (answer.kind === 'empty') fetched = { ok: true, verbs: [] };
  else if (answer.kind === 'text') fetched = { ok: true, verbs: [{ name: 'Say', attributes: {}, text: answer.body.trim(), children: [] }] };
  else {
    try {
      fetched = { ok: true, verbs: parseTwiml(answer.body).children };
    } catch (error) {
      if (!(error instanceof TwimlError)) throw error;
      fetched = { ok: false, code: error.code, message: error.message };
    }
  }
  if (!fetched.ok) await notifyError(db, request, fetched, answer, call.sid);
  return fetched;
}
