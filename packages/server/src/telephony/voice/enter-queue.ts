import type { Call } from '../../storage/repositories/calls.ts';
import type { TwimlElement } from '../twiml/parse.ts';
import { enqueueCall } from '../rooms/enqueue-call.ts';
import type { VoiceContext } from './advance-conversation.ts';
import type { Conversation } from './conversation.ts';
import { ROOM_LIMIT_MS } from './enter-conference.ts';
import { fetchDocument } from './fetch-document.ts';
import { verbDurationMs } from './steps/timing.ts';
import { absoluteUrl, actionOf } from './steps/urls.ts';

/**
 * `<Enqueue>`: the call waits at the back of the queue. Its `waitUrl` is fetched once: Say/Play/Pause
 * stand for what loops, a `<Leave>` after them takes the caller out (`QueueResult=leave`), a `<Hangup>`
 * hangs up. A full queue sends the caller on at once with `QueueResult=queue-full`.
 */
export async function enterQueue(ctx: VoiceContext, call: Call, c: Conversation, verb: TwimlElement): Promise<void> {
  const log = (name: string, detail: string, at = c.cursor) => c.steps.push({ at, verb: name, detail });
  if (verb.text === '') {
    log('Error', '12200: <Enqueue> needs the name of a queue; skipped');
    return;
  }
  const action = actionOf(verb, c.documentUrl, {}, false);
  const entered = await enqueueCall(ctx.db, call, verb.text, c.cursor);
  if (!entered.joined) {
    log('Enqueue', `${verb.text} is full`);
    if (action) Object.assign(c, { fetch: { ...action, params: { QueueResult: 'queue-full', QueueSid: entered.queue.sid, QueueTime: '0' } }, verbs: [] });
    return;
  }
  log('Enqueue', `${verb.text}: position ${entered.position}`);
  let leaveAt: number | undefined;
  const waitUrl = absoluteUrl(verb.attributes.waitUrl, c.documentUrl);
  if (waitUrl) {
    const params = {
      QueueSid: entered.queue.sid, QueuePosition: String(entered.position), QueueTime: '0', AvgQueueTime: String(entered.averageWait),
      CurrentQueueSize: String(entered.size), MaxQueueSize: String(entered.queue.max_size),
    };
    const wait = await fetchDocument(ctx, call, { url: waitUrl, method: verb.attributes.waitUrlMethod?.toUpperCase() === 'GET' ? 'GET' : 'POST', params }, c.cursor);
    let at = c.cursor;
    for (const step of wait.ok ? wait.verbs : []) {
      log(`Wait ${step.name}`, step.text, at);
      if (step.name === 'Leave') leaveAt ??= at;
      if (step.name === 'Hangup') c.hangupAt = Math.min(c.hangupAt ?? at, at);
      if (leaveAt !== undefined || step.name === 'Hangup') break;
      at += verbDurationMs(step);
    }
  }
  c.room = { kind: 'queue', sid: entered.queue.sid, action: action ?? null, until: c.cursor + ROOM_LIMIT_MS, enqueuedAt: c.cursor, ...(leaveAt !== undefined ? { leaveAt } : {}) };
}
