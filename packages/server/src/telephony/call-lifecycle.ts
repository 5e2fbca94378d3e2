import type { CallStatus, CallsTable } from '../storage/schema.ts';
import { deterministicUniform, pick } from './outcome.ts';

/** Seconds from creation to ringing: the time a call sits queued. */
export const QUEUE_SECONDS = 1;
/** The longest a simulated call waits between creation and being answered or failing. */
export const MAX_START_LAG_MS = (QUEUE_SECONDS + 60) * 1000;

export interface CallPlan {
  outcome: CallStatus;
  ringSeconds: number;
  talkSeconds: number;
}

/** How a new call will go: mostly answered, sometimes busy, unanswered or failed. */
export function planCall(seed: number, to: string, from: string, createdAt: number): CallPlan {
  const u = (n: number) => deterministicUniform(seed, 'call', to, from, createdAt, n);
  const outcome = pick<CallStatus>(u(1), [['completed', 78], ['no-answer', 10], ['busy', 7], ['failed', 5]]);
  const ringSeconds = outcome === 'failed' ? 0 : outcome === 'no-answer' ? 30 + Math.floor(u(2) * 30) : 2 + Math.floor(u(2) * 20);
  // Talk time: most calls are short, a long tail runs to half an hour.
  const talkSeconds = outcome === 'completed' ? Math.max(3, Math.round(Math.exp(2.5 + u(3) * 5))) : 0;
  return { outcome, ringSeconds, talkSeconds: Math.min(talkSeconds, 1800) };
}

export type CallState = Pick<CallsTable, 'status' | 'start_time' | 'end_time' | 'duration' | 'next_event_at'>;

type Timeline = Pick<CallsTable, 'date_created' | 'outcome' | 'ring_seconds' | 'talk_seconds'>;

/** Where a call following its plan stands at `now`: a pure function of time. */
export function callStateAt(call: Timeline, now: number): CallState {
  const ringingAt = call.date_created + QUEUE_SECONDS * 1000;
  const decidedAt = ringingAt + call.ring_seconds * 1000;
  if (now < ringingAt) return { status: 'queued', start_time: null, end_time: null, duration: null, next_event_at: ringingAt };
  if (now < decidedAt) return { status: 'ringing', start_time: null, end_time: null, duration: null, next_event_at: decidedAt };
  if (call.outcome !== 'completed') {
    return { status: call.outcome, start_time: decidedAt, end_time: decidedAt, duration: 0, next_event_at: null };
  }
  const endedAt = decidedAt + call.talk_seconds * 1000;
  if (now < endedAt) return { status: 'in-progress', start_time: decidedAt, end_time: null, duration: null, next_event_at: endedAt };
  return { status: 'completed', start_time: decidedAt, end_time: endedAt, duration: call.talk_seconds, next_event_at: null };
}

export const FINAL_CALL_STATUSES: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** Billed minutes: every started minute of talk. */
export const billedMinutes = (durationSeconds: number): number => Math.ceil(durationSeconds / 60);
