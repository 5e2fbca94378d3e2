import type { MessageStatus } from '../../storage/schema.ts';

/** The statuses an outbound message moves through, in order; it ends at one of the last three. */
const PATH: MessageStatus[] = ['scheduled', 'queued', 'sending', 'sent', 'delivered'];
const ENDS_AFTER: Partial<Record<MessageStatus, MessageStatus>> = { failed: 'queued', undelivered: 'sent', canceled: 'scheduled' };

/** Statuses reported to a message's StatusCallback; `queued` and `sending` are not, as in Twilio. */
const REPORTED: ReadonlySet<MessageStatus> = new Set(['sent', 'delivered', 'undelivered', 'failed', 'canceled']);

const place = (status: MessageStatus): number => {
  const index = PATH.indexOf(status);
  return index >= 0 ? index : PATH.indexOf(ENDS_AFTER[status] ?? 'queued') + 0.5;
};

/** The reported statuses a message passed through from `before` to `after`, in order. */
export function messageStatusesBetween(before: MessageStatus, after: MessageStatus): MessageStatus[] {
  if (before === after) return [];
  const from = place(before);
  const to = place(after);
  const passed = PATH.filter((s) => place(s) > from && place(s) <= to && s !== 'delivered');
  if (after !== 'delivered' && !PATH.includes(after)) passed.push(after);
  else if (after === 'delivered') passed.push('delivered');
  return passed.filter((s) => REPORTED.has(s));
}
