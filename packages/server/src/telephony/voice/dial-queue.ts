import type { Call } from '../../storage/repositories/calls.ts';
import { bridgeFront } from '../rooms/bridge-front.ts';
import type { TwimlElement } from '../twiml/parse.ts';
import type { VoiceContext } from './advance-conversation.ts';
import type { Conversation } from './conversation.ts';
import { actionOf } from './steps/urls.ts';

/**
 * `<Dial><Queue>`: the dialler is bridged with the call that waited longest and talks until the
 * bridge ends; its action gets `DialCallStatus` with the member as `DialCallSid`. An empty (or unknown)
 * queue is not waited on: the Dial ends at once with `DialCallStatus=no-answer`.
 */
export async function dialQueue(ctx: VoiceContext, call: Call, c: Conversation, dial: TwimlElement, noun: TwimlElement): Promise<void> {
  if (noun.text === '') {
    c.steps.push({ at: c.cursor, verb: 'Error', detail: '12200: <Queue> needs the name of a queue; skipped' });
    return;
  }
  const limit = Number(dial.attributes.timeLimit ?? '14400');
  const action = actionOf(dial, c.documentUrl, {}, false);
  const bridge = await bridgeFront(ctx.db, ctx.seed, call.account_sid, call.sid, noun.text, Number.isInteger(limit) && limit > 0 ? limit : 14_400, c.cursor);
  if (!bridge) {
    c.steps.push({ at: c.cursor, verb: 'Dial', detail: `queue ${noun.text}: nobody waiting` });
    if (action) Object.assign(c, { fetch: { ...action, params: { DialCallStatus: 'no-answer', DialCallDuration: '0', DialBridged: 'false' } }, verbs: [] });
    return;
  }
  c.steps.push({ at: c.cursor, verb: 'Dial', detail: `queue ${noun.text}: bridged with ${bridge.memberCallSid}, talked ${bridge.talkSeconds} s` });
  c.cursor += bridge.talkSeconds * 1000;
  const params = {
    DialCallStatus: 'completed', DialCallSid: bridge.memberCallSid, DialCallDuration: String(bridge.talkSeconds), DialBridged: 'true',
    QueueSid: bridge.queueSid, QueueTime: String(bridge.queueTime),
  };
  if (action) Object.assign(c, { fetch: { ...action, params }, verbs: [] });
}
