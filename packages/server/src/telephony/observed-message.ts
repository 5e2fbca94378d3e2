import type { Message } from '../storage/repositories/messages.ts';
import { lastStepAt, messageStateAt } from './message-lifecycle.ts';
import { formatPrice, priceMicros } from './usage-categories.ts';

/** Whether the stored row of `message` stands for a state that reads derive from the clock. */
export const isDerived = (message: Message): boolean => message.unobserved === 1 && message.next_event_at !== null;

/**
 * A message as a reader sees it at `now`. An unobserved message still in flight is stored as it was
 * created (with the instant it will be sent, for the send date filters); its status, send date, error,
 * price and last update follow from its plan and the clock, as the steps the simulator would have
 * written. `next_event_at` stays the stored one (when it settles).
 */
export function observedMessage(message: Message, now: number): Message {
  if (!isDerived(message)) return message;
  const { next_event_at: _next, ...state } = messageStateAt(message, now);
  const price = state.date_sent === null ? null : formatPrice(priceMicros('sms-outbound', message.num_segments));
  return { ...message, ...state, price, date_updated: lastStepAt(message, now) };
}

/** When what a reader sees of `messages` next changes with no write, if it does: the earliest next step of a derived one. */
export function nextSeenChangeAt(messages: readonly Message[], now: number): number | null {
  let earliest: number | null = null;
  for (const message of messages) {
    if (!isDerived(message)) continue;
    const next = messageStateAt(message, now).next_event_at;
    if (next !== null && (earliest === null || next < earliest)) earliest = next;
  }
  return earliest;
}
