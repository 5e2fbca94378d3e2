import type { MessagesTable, MessageStatus } from '../storage/schema.ts';
import { deterministicUniform, pick } from './outcome.ts';

const SENDING_AFTER_MS = 200;
export const SENT_AFTER_MS = 700;
const SETTLED_AFTER_MS = 2000;

/** Carrier errors for messages that fail after sending, with Twilio's codes. */
export const MESSAGE_ERRORS = {
  failed: { code: 30008, message: 'Unknown error' },
  undelivered: { code: 30003, message: 'Unreachable destination handset' },
} as const;

/** How a new message will end: mostly delivered. */
export const planMessage = (seed: number, to: string, from: string | null, createdAt: number): MessageStatus =>
  pick<MessageStatus>(deterministicUniform(seed, 'message', to, from, createdAt), [['delivered', 95], ['undelivered', 3], ['failed', 2]]);

export type MessageState = Pick<MessagesTable, 'status' | 'date_sent' | 'error_code' | 'error_message' | 'next_event_at'>;

type Timeline = Pick<MessagesTable, 'date_created' | 'outcome'> & { send_at?: number | null };

/** Where a message following its plan stands at `now`: queued → sending → sent → delivered (or not). */
export function messageStateAt(message: Timeline, now: number): MessageState {
  const start = message.send_at ?? message.date_created;
  const none = { date_sent: null, error_code: null, error_message: null };
  if (message.send_at && now < message.send_at) return { status: 'scheduled', ...none, next_event_at: message.send_at };
  if (now < start + SENDING_AFTER_MS) return { status: 'queued', ...none, next_event_at: start + SENDING_AFTER_MS };
  if (message.outcome === 'failed') {
    return { status: 'failed', date_sent: null, error_code: MESSAGE_ERRORS.failed.code, error_message: MESSAGE_ERRORS.failed.message, next_event_at: null };
  }
  if (now < start + SENT_AFTER_MS) return { status: 'sending', ...none, next_event_at: start + SENT_AFTER_MS };
  const sentAt = start + SENT_AFTER_MS;
  if (now < start + SETTLED_AFTER_MS) return { status: 'sent', ...none, date_sent: sentAt, next_event_at: start + SETTLED_AFTER_MS };
  if (message.outcome === 'undelivered') {
    return { status: 'undelivered', date_sent: sentAt, error_code: MESSAGE_ERRORS.undelivered.code, error_message: MESSAGE_ERRORS.undelivered.message, next_event_at: null };
  }
  return { status: 'delivered', ...none, date_sent: sentAt, next_event_at: null };
}

/** When a message following its plan takes its last step: its final status. */
export function settlesAt(message: Timeline): number {
  const start = message.send_at ?? message.date_created;
  return start + (message.outcome === 'failed' ? SENDING_AFTER_MS : SETTLED_AFTER_MS);
}

/** When a message following its plan took its latest step at or before `now` (its creation, before any). */
export function lastStepAt(message: Timeline, now: number): number {
  const start = message.send_at ?? message.date_created;
  const steps = message.outcome === 'failed' ? [SENDING_AFTER_MS] : [SENDING_AFTER_MS, SENT_AFTER_MS, SETTLED_AFTER_MS];
  let at = message.date_created;
  for (const after of steps) if (start + after <= now) at = start + after;
  return at;
}

export const FINAL_MESSAGE_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed', 'canceled', 'received', 'read']);
