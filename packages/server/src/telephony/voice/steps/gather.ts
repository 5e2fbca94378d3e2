import type { TwimlElement } from '../../twiml/parse.ts';
import type { Conversation, PendingGather } from '../conversation.ts';
import { verbDurationMs } from './timing.ts';
import { actionOf } from './urls.ts';

/** Each key takes the caller about a third of a second; a spoken answer about two seconds. */
const KEY_MS = 300;
const SPEECH_MS = 2000;

/** A `<Gather>`'s settings, and how long its nested prompts play before it listens. */
export function startGather(verb: TwimlElement, documentUrl: string | null, at: number): { promptsMs: number; gather: PendingGather } {
  const promptsMs = verb.children.filter((c) => ['Say', 'Play', 'Pause'].includes(c.name)).reduce((sum, c) => sum + verbDurationMs(c), 0);
  const timeout = Number(verb.attributes.timeout ?? '5');
  const numDigits = Number(verb.attributes.numDigits);
  const input = (verb.attributes.input ?? 'dtmf').split(' ');
  return {
    promptsMs,
    gather: {
      until: at + promptsMs + (Number.isInteger(timeout) && timeout > 0 ? timeout : 5) * 1000,
      numDigits: Number.isInteger(numDigits) && numDigits > 0 ? numDigits : null,
      finishOnKey: verb.attributes.finishOnKey ?? '#',
      dtmf: input.includes('dtmf'),
      speech: input.includes('speech'),
      action: actionOf(verb, documentUrl, {}, true),
      actionOnEmptyResult: verb.attributes.actionOnEmptyResult === 'true',
    },
  };
}

export type GatherInput = { digits: string } | { speech: string };

/**
 * The far end's next answer this Gather accepts, from the script (or live input); null when none is
 * left. It is taken from the queue only with `consume`.
 */
export function takeInput(gather: PendingGather, conversation: Conversation, consume = true): GatherInput | null {
  if (gather.dtmf && conversation.digits.length > 0) {
    let digits = consume ? conversation.digits.shift()! : conversation.digits[0]!;
    const finish = gather.finishOnKey === '' ? -1 : digits.indexOf(gather.finishOnKey);
    if (finish >= 0) digits = digits.slice(0, finish);
    if (gather.numDigits !== null) digits = digits.slice(0, gather.numDigits);
    return { digits };
  }
  if (gather.speech && conversation.speech.length > 0) return { speech: consume ? conversation.speech.shift()! : conversation.speech[0]! };
  return null;
}

export const inputMs = (input: GatherInput): number => ('digits' in input ? Math.max(1, input.digits.length) * KEY_MS : SPEECH_MS);

/**
 * Where a Gather goes: with input, to its action with `Digits` or `SpeechResult`; without, on to the
 * next verb (null), unless `actionOnEmptyResult`.
 */
export function finishGather(gather: PendingGather, input: GatherInput | null) {
  const empty = input === null || ('digits' in input && input.digits === '') || ('speech' in input && input.speech === '');
  if (empty && !gather.actionOnEmptyResult) return null;
  if (!gather.action) return null;
  const params: Record<string, string> = {};
  if (input && 'digits' in input && input.digits !== '') params.Digits = input.digits;
  if (input && 'speech' in input && input.speech !== '') Object.assign(params, { SpeechResult: input.speech, Confidence: '0.9' });
  return { ...gather.action, params };
}
