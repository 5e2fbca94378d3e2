import type { CallStatus } from '../../../storage/schema.ts';
import { planCall } from '../../call-lifecycle.ts';
import type { TwimlElement } from '../../twiml/parse.ts';
import type { PendingFetch } from '../conversation.ts';
import { actionOf } from './urls.ts';

export interface DialPlan {
  /** The number (E.164), `client:identity` or SIP URI dialled. */
  to: string;
  callerId: string | null;
  /** How the child leg goes: its final status, when it is answered and when it ends. */
  outcome: CallStatus;
  ringSeconds: number;
  talkSeconds: number;
  statusCallback: { url: string; method: 'GET' | 'POST'; events: string } | null;
  action: PendingFetch | null;
}

/** The first `<Number>`, `<Client>` or `<Sip>` (or bare number text) of a `<Dial>`; null when there is none. */
function target(verb: TwimlElement): { to: string; noun: TwimlElement | null } | null {
  const noun = verb.children.find((c) => c.name === 'Number' || c.name === 'Client' || c.name === 'Sip');
  if (noun) {
    const identity = noun.name === 'Client' ? (noun.children.find((c) => c.name === 'Identity')?.text ?? noun.text) : noun.text;
    return identity ? { to: noun.name === 'Client' ? `client:${identity}` : identity, noun } : null;
  }
  return verb.text ? { to: verb.text, noun: null } : null;
}

/**
 * What a `<Dial>` does, fixed by the seed like every simulated call: the child leg rings (at most
 * `timeout`, default 30 s), is answered or not, and talks for its planned time (at most `timeLimit`).
 */
export function planDial(verb: TwimlElement, documentUrl: string | null, seed: number, from: string, at: number): DialPlan | null {
  const dialled = target(verb);
  if (!dialled) return null;
  const plan = planCall(seed, dialled.to, from, at);
  const timeout = Number(verb.attributes.timeout ?? '30');
  const timeLimit = Number(verb.attributes.timeLimit ?? '14400');
  const ringLimit = Number.isInteger(timeout) && timeout > 0 ? timeout : 30;
  const tooLong = plan.ringSeconds > ringLimit;
  const noun = dialled.noun;
  const statusUrl = noun?.attributes.statusCallback;
  return {
    to: dialled.to,
    callerId: verb.attributes.callerId ?? null,
    outcome: tooLong && plan.outcome === 'completed' ? 'no-answer' : plan.outcome,
    ringSeconds: Math.min(plan.ringSeconds, ringLimit),
    talkSeconds: tooLong ? 0 : Math.min(plan.talkSeconds, Number.isInteger(timeLimit) && timeLimit > 0 ? timeLimit : 14_400),
    statusCallback: statusUrl
      ? { url: new URL(statusUrl, documentUrl ?? undefined).toString(), method: noun.attributes.statusCallbackMethod?.toUpperCase() === 'GET' ? 'GET' : 'POST', events: noun.attributes.statusCallbackEvent ?? 'completed' }
      : null,
    action: actionOf(verb, documentUrl, {}, false),
  };
}
