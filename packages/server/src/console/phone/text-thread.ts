import type { Kysely } from 'kysely';
import type { Message } from '../../storage/repositories/messages.ts';
import type { Database } from '../../storage/schema.ts';
import { formatTime } from '../format.ts';
import { requestLines, type Thread } from './thread.ts';

/**
 * A text sent from the phone, the app's `<Message>` replies to it (sent from the number back to the
 * sender before the sender's next text) and every request made about them: the TwiML fetch and the
 * replies' status callbacks.
 */
export async function textThread(db: Kysely<Database>, text: Message): Promise<Thread> {
  const next = await db
    .selectFrom('messages').select('date_created')
    .where('account_sid', '=', text.account_sid).where('direction', '=', 'inbound').where('from', '=', text.from).where('to', '=', text.to)
    .where('date_created', '>', text.date_created)
    .orderBy('date_created').limit(1).executeTakeFirst();
  let replies = db
    .selectFrom('messages').selectAll()
    .where('account_sid', '=', text.account_sid).where('direction', '=', 'outbound-reply').where('from', '=', text.to).where('to', '=', text.from)
    .where('date_created', '>=', text.date_created);
  if (next) replies = replies.where('date_created', '<', next.date_created);
  const rows = await replies.orderBy('date_created').orderBy('sid').execute();
  return {
    status: text.next_event_at === null ? 'answered' : 'waiting for the app',
    href: `/console/messages/${text.sid}`,
    conversation: [
      { at: formatTime(text.date_created), who: 'you', text: text.body ?? '', href: `/console/messages/${text.sid}` },
      ...rows.map((reply) => ({ at: formatTime(reply.date_created), who: 'app' as const, text: `${reply.body ?? ''} (${reply.status})`, href: `/console/messages/${reply.sid}` })),
    ],
    requests: await requestLines(db, [text.sid, ...rows.map((r) => r.sid)]),
  };
}
