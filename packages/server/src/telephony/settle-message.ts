import type { Kysely } from 'kysely';
import type { Database, MessagesTable } from '../storage/schema.ts';
import { emitMessageCallbacks } from './callbacks/emit-message-callbacks.ts';
import { markActionDue } from './inbound/message-action.ts';
import { messageStateAt } from './message-lifecycle.ts';
import { recordUsage } from './record-usage.ts';
import { formatPrice } from './usage-categories.ts';

/**
 * Moves a message to its state at `now`: the first time it is sent, its segments are billed, and each
 * status it passed is reported to its StatusCallback; a sent `<Message action>` reply's action falls due.
 * From then on its steps are written one by one (an unobserved message becomes an observed one).
 */
export async function settleMessage(db: Kysely<Database>, message: MessagesTable, now: number): Promise<MessagesTable> {
  const state = messageStateAt(message, now);
  const changes: Partial<MessagesTable> = { ...state, unobserved: 0, date_updated: now };
  if (state.date_sent !== null && message.price === null) {
    const micros = await recordUsage(db, {
      accountSid: message.account_sid,
      category: message.direction === 'inbound' ? 'sms-inbound' : 'sms-outbound',
      count: 1,
      usage: message.num_segments,
      at: state.date_sent,
    });
    changes.price = formatPrice(micros);
  }
  // Only the advance that still sees the row as it read it moves it (and reports it).
  const moved = await db.updateTable('messages').set(changes).where('sid', '=', message.sid).where('next_event_at', '=', message.next_event_at).executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return message;
  const after = { ...message, ...changes };
  await emitMessageCallbacks(db, message, after, now);
  await markActionDue(db, message, after, now);
  return after;
}
