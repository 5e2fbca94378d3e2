import type { Media, Message } from '../storage/repositories/messages.ts';
import { timeOrderedSid } from '../util/sid.ts';
import { messageStateAt, planMessage, settlesAt } from './message-lifecycle.ts';
import { countSegments } from './segments.ts';

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', mp4: 'video/mp4', pdf: 'application/pdf' };

/** A media URL's type, from its extension (Switchboard does not download media). */
export const contentTypeOf = (url: string): string => CONTENT_TYPES[new URL(url).pathname.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

export interface MessageInput {
  accountSid: string;
  to: string;
  from: string;
  body: string;
  mediaUrls: readonly string[];
  direction: Message['direction'];
  statusCallback: string | null;
  sendAt?: number | null;
  /** Whether a usage trigger watches the account (usage-watch.ts). */
  usageWatched?: boolean;
}

/**
 * A new outbound message with its planned outcome, and its media rows; nothing is written. A message
 * sent through the API that nothing observes (no StatusCallback, not scheduled, no usage trigger) is
 * unobserved: it is stored as queued and due only when it settles (observed-message.ts), so show it
 * through observedMessage.
 */
export function newOutboundMessage(seed: number, input: MessageInput, now: number): { message: Message; media: Media[] } {
  const outcome = planMessage(seed, input.to, input.from, now);
  const sendAt = input.sendAt ?? null;
  const unobserved = input.direction === 'outbound-api' && input.statusCallback === null && sendAt === null && input.usageWatched === false;
  const timeline = { date_created: now, outcome, send_at: sendAt };
  const state = messageStateAt(timeline, now);
  const message: Message = {
    sid: timeOrderedSid(input.mediaUrls.length > 0 ? 'MM' : 'SM', now),
    account_sid: input.accountSid,
    to: input.to,
    from: input.from,
    messaging_service_sid: null,
    body: input.body,
    direction: input.direction,
    num_segments: countSegments(input.body),
    num_media: input.mediaUrls.length,
    price: null,
    status_callback: input.statusCallback,
    outcome,
    send_at: sendAt,
    unobserved: unobserved ? 1 : 0,
    ...state,
    // An unobserved message is stored with the instant it will be sent, for the send date filters; readers see it once it is.
    ...(unobserved && { next_event_at: settlesAt(timeline), date_sent: messageStateAt(timeline, settlesAt(timeline)).date_sent }),
    date_created: now,
    date_updated: now,
  };
  return { message, media: mediaRows(message, input.mediaUrls, now) };
}

export const mediaRows = (message: Pick<Message, 'sid' | 'account_sid'>, urls: readonly string[], now: number): Media[] =>
  urls.map((url) => ({ sid: timeOrderedSid('ME', now), account_sid: message.account_sid, message_sid: message.sid, content_type: contentTypeOf(url), url, date_created: now, date_updated: now }));
