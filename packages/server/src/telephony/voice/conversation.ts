import type { TwimlElement } from '../twiml/parse.ts';

/** A TwiML request the conversation must make before it can go on. */
export interface PendingFetch {
  url: string;
  method: 'GET' | 'POST';
  /** Verb parameters added to the standard voice parameters (Digits, DialCallStatus, …). */
  params: Record<string, string>;
}

/** A `<Gather>` waiting for the far end until `until`. */
export interface PendingGather {
  until: number;
  numDigits: number | null;
  finishOnKey: string;
  dtmf: boolean;
  speech: boolean;
  action: PendingFetch | null;
  actionOnEmptyResult: boolean;
}

/**
 * A conference or queue the call is in: it stays until it leaves (hangs up), is taken out (the
 * conference ends, it is removed, dequeued or bridged), or `until` (the longest a call stays) passes.
 */
export type Room =
  | { kind: 'conference'; sid: string; action: PendingFetch | null; until: number }
  | { kind: 'queue'; sid: string; action: PendingFetch | null; until: number; enqueuedAt: number; leaveAt?: number };

/** One thing the conversation did, for the Console and the logs: what was said, gathered, recorded, dialled. */
export interface ConversationStep {
  at: number;
  verb: string;
  detail: string;
}

/**
 * The state of a call's TwiML conversation, stored with the call between steps. `cursor` is the
 * simulated instant the conversation has reached; a verb runs only once the clock reaches it.
 */
export interface Conversation {
  /** Inline TwiML (`Twiml=`) still to be parsed. */
  inline: string | null;
  documentUrl: string | null;
  verbs: TwimlElement[];
  fetch: PendingFetch | null;
  fallback: { url: string; method: 'GET' | 'POST' } | null;
  fellBack: boolean;
  documents: number;
  gather: PendingGather | null;
  /** What the far end will enter at each `<Gather>` (the caller's script, or live input), in order. */
  digits: string[];
  speech: string[];
  hangupAt: number | null;
  cursor: number;
  steps: ConversationStep[];
  /** Parameters every TwiML request of this call carries beyond the standard ones (a SIP call's `Sip*`). */
  callParams?: Record<string, string>;
  /** Absent in conversations stored before rooms existed. */
  room?: Room | null;
}

export interface CallerScript {
  digits?: string[];
  speech?: string[];
  hangupAt?: number | null;
}

export const newConversation = (start: number, first: PendingFetch | { twiml: string }, fallback: Conversation['fallback'], script: CallerScript = {}): Conversation => ({
  inline: 'twiml' in first ? first.twiml : null,
  documentUrl: null,
  verbs: [],
  fetch: 'url' in first ? first : null,
  fallback,
  fellBack: false,
  documents: 0,
  gather: null,
  digits: script.digits ?? [],
  speech: script.speech ?? [],
  hangupAt: script.hangupAt ?? null,
  cursor: start,
  steps: [],
});
