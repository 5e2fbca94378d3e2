import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { CallStatus, Database } from '../../storage/schema.ts';
import { parseTwiml, TwimlError } from '../twiml/parse.ts';
import type { Conversation } from './conversation.ts';
import { dialQueue } from './dial-queue.ts';
import { dialLeg } from './effects/dial-leg.ts';
import { makeRecording } from './effects/make-recording.ts';
import { sendSms } from './effects/send-sms.ts';
import { enterConference } from './enter-conference.ts';
import { enterQueue } from './enter-queue.ts';
import { fetchDocument } from './fetch-document.ts';
import { roomState } from './room-exit.ts';
import { planDial } from './steps/dial.ts';
import { finishGather, inputMs, startGather, takeInput } from './steps/gather.ts';
import { planRecording } from './steps/record.ts';
import { verbDurationMs } from './steps/timing.ts';

const resolve = (url: string, base: string | null): URL | null => {
  try {
    return new URL(url, base ?? undefined);
  } catch {
    return null;
  }
};

/** What Twilio says when the app cannot be reached (and no fallback helps) before hanging up. */
const APPLICATION_ERROR = { name: 'Say', attributes: {}, text: 'We are sorry, an application error has occurred. Goodbye.', children: [] };

/** Documents one call may fetch: a Redirect loop ends here. */
const MAX_DOCUMENTS = 100;

export interface VoiceContext {
  db: Kysely<Database>;
  seed: number;
  /** Where recording URLs point. */
  apiBase: string;
  /** Runs before each request to the app: the simulation stores the steps it holds first (run-conversation.ts). */
  beforeAppRequest?: () => Promise<void>;
}

/** Where the conversation stopped: waiting until an instant, answered (an inbound call), or ended. */
export type Stop = { kind: 'wait'; until: number } | { kind: 'end'; status: CallStatus; at: number };

/**
 * Runs a call's conversation up to `now`: verbs run in order, each once the clock reaches it, TwiML
 * is fetched when a verb hands control to the app, and it stops when it must wait (for time, or the
 * far end at a Gather) or the call ends. `call` is updated in place when an inbound call is answered.
 */
export async function advanceConversation(ctx: VoiceContext, call: Call, c: Conversation, now: number): Promise<Stop> {
  const log = (verb: string, detail: string, at = c.cursor) => c.steps.push({ at, verb, detail });
  const hangUp = (at: number): Stop => {
    log('Hangup', 'the caller hung up', at);
    return { kind: 'end', status: call.status === 'ringing' ? 'canceled' : 'completed', at };
  };
  // The caller may hang up while the conversation waits (at a Gather): then the call ends there.
  const wait = (until: number): Stop => {
    if (c.hangupAt === null) return { kind: 'wait', until };
    return c.hangupAt <= now ? hangUp(c.hangupAt) : { kind: 'wait', until: Math.min(until, c.hangupAt) };
  };
  const answer = () => {
    if (call.status !== 'ringing') return;
    Object.assign(call, { status: 'in-progress', start_time: c.cursor });
  };
  for (;;) {
    if (c.hangupAt !== null && c.hangupAt <= now && c.hangupAt <= c.cursor) return hangUp(c.hangupAt);
    if (c.room) {
      const state = await roomState(ctx, call, c.room, now);
      if (state.kind === 'inside') return wait(state.until);
      if (state.kind === 'limit') {
        log('Hangup', 'the call reached its four-hour limit', state.at);
        return { kind: 'end', status: 'completed', at: state.at };
      }
      const verb = c.room.kind === 'queue' ? 'Enqueue' : 'Dial';
      Object.assign(c, { room: null, cursor: Math.max(c.cursor, state.at) });
      log(verb, state.detail);
      if (state.fetch) Object.assign(c, { fetch: state.fetch, verbs: [] });
      continue;
    }
    if (c.gather) {
      const input = takeInput(c.gather, c, false);
      if (input) {
        const doneAt = c.cursor + inputMs(input);
        if (doneAt > now) return wait(doneAt);
        takeInput(c.gather, c);
        c.cursor = doneAt;
        log('Gather', 'digits' in input ? `pressed ${input.digits || 'nothing'}` : `said "${input.speech}"`);
      } else if (c.gather.until <= now) {
        c.cursor = c.gather.until;
        log('Gather', 'no input: timed out');
      } else return wait(c.gather.until);
      const next = finishGather(c.gather, input);
      c.gather = null;
      if (next) Object.assign(c, { fetch: next, verbs: [] });
      continue;
    }
    if (c.fetch) {
      if (c.cursor > now) return wait(c.cursor);
      if (++c.documents > MAX_DOCUMENTS) return { kind: 'end', status: 'completed', at: c.cursor };
      const fetched = await fetchDocument(ctx, call, { ...c.fetch, params: { ...c.callParams, ...c.fetch.params } }, c.cursor);
      if (!fetched.ok) {
        log('Error', `${fetched.code}: ${fetched.message}`);
        if (c.fallback && !c.fellBack) {
          c.fellBack = true;
          c.fetch = { ...c.fallback, params: { ...c.fetch.params, ErrorCode: String(fetched.code), ErrorUrl: c.fetch.url } };
          continue;
        }
        Object.assign(c, { verbs: [APPLICATION_ERROR], fetch: null });
        continue;
      }
      Object.assign(c, { verbs: fetched.verbs, documentUrl: c.fetch.url, fetch: null });
      continue;
    }
    if (c.inline !== null) {
      try {
        c.verbs = parseTwiml(c.inline).children;
      } catch (error) {
        if (!(error instanceof TwimlError)) throw error;
        log('Error', `${error.code}: ${error.message}`);
        c.verbs = [APPLICATION_ERROR];
      }
      c.inline = null;
      continue;
    }
    if (c.cursor > now) return wait(c.cursor);
    const verb = c.verbs[0];
    if (!verb) return { kind: 'end', status: call.status === 'ringing' ? 'failed' : 'completed', at: c.cursor };
    c.verbs.shift();
    if (verb.name !== 'Reject' && verb.name !== 'Hangup') answer();
    switch (verb.name) {
      case 'Say':
      case 'Play':
      case 'Pause':
        log(verb.name, verb.name === 'Pause' ? `${verbDurationMs(verb) / 1000} s` : verb.text || (verb.attributes.digits ?? ''));
        c.cursor += verbDurationMs(verb);
        break;
      case 'Gather': {
        const { promptsMs, gather } = startGather(verb, c.documentUrl, c.cursor);
        for (const prompt of verb.children) log(prompt.name, prompt.text);
        c.cursor += promptsMs;
        c.gather = gather;
        break;
      }
      case 'Record': {
        const plan = planRecording(verb, c.documentUrl, ctx.seed, call, c.cursor, c.hangupAt);
        const params = await makeRecording(ctx.db, call, plan, ctx.apiBase);
        log('Record', `recorded ${plan.durationSeconds} s${plan.transcribe ? ', transcribed' : ''}`);
        c.cursor = plan.endsAt;
        if (plan.action) Object.assign(c, { fetch: { ...plan.action, params }, verbs: [] });
        break;
      }
      case 'Dial': {
        const room = verb.children.find((noun) => noun.name === 'Conference' || noun.name === 'Queue');
        if (room) {
          await (room.name === 'Conference' ? enterConference : dialQueue)(ctx, call, c, verb, room);
          break;
        }
        const plan = planDial(verb, c.documentUrl, ctx.seed, call.from, c.cursor);
        if (!plan) {
          log('Dial', 'nothing to dial');
          break;
        }
        const leg = await dialLeg(ctx.db, call, plan, c.cursor);
        log('Dial', `${plan.to}: ${leg.params.DialCallStatus}${plan.talkSeconds ? `, talked ${plan.talkSeconds} s` : ''}`);
        c.cursor = leg.endsAt;
        if (plan.action) Object.assign(c, { fetch: { ...plan.action, params: leg.params }, verbs: [] });
        break;
      }
      case 'Redirect': {
        log('Redirect', verb.text);
        const url = resolve(verb.text || c.documentUrl || '', c.documentUrl);
        if (url) Object.assign(c, { fetch: { url: url.toString(), method: verb.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST', params: {} }, verbs: [] });
        else log('Error', '11100: Redirect needs an absolute URL in inline TwiML');
        break;
      }
      case 'Hangup':
        log('Hangup', '');
        return { kind: 'end', status: call.status === 'ringing' ? 'canceled' : 'completed', at: c.cursor };
      case 'Reject': {
        log('Reject', verb.attributes.reason ?? 'rejected');
        const unanswered: CallStatus = verb.attributes.reason === 'busy' ? 'busy' : 'no-answer';
        return { kind: 'end', status: call.status === 'ringing' ? unanswered : 'completed', at: c.cursor };
      }
      case 'Enqueue':
        await enterQueue(ctx, call, c, verb);
        break;
      case 'Sms':
      case 'Message': {
        const sid = await sendSms(ctx.db, ctx.seed, call, verb, c.documentUrl, c.cursor);
        log(verb.name, sid ? `texted "${verb.text}"` : 'nothing to send');
        // With an action the call goes on with the action's TwiML, told how the text went.
        const action = sid && verb.attributes.action ? resolve(verb.attributes.action, c.documentUrl) : null;
        if (action) Object.assign(c, { fetch: { url: action.toString(), method: verb.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST', params: { SmsSid: sid, SmsStatus: 'sending' } }, verbs: [] });
        break;
      }
      default:
        log('Error', `12200: <${verb.name}> is not simulated; skipped`);
    }
  }
}
