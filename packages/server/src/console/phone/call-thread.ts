import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import type { Conversation } from '../../telephony/voice/conversation.ts';
import { formatTime } from '../format.ts';
import { requestLines, type Thread } from './thread.ts';

/** A call placed from the phone: its TwiML conversation step by step, and the requests made about it and its Dial legs. */
export async function callThread(db: Kysely<Database>, call: Call): Promise<Thread> {
  const steps = call.conversation ? (JSON.parse(call.conversation) as Conversation).steps : [];
  const legs = await dialLegsQuery(db, call).execute();
  return {
    status: call.status,
    href: `/console/calls/${call.sid}`,
    conversation: steps.map((step) => ({ at: formatTime(step.at), who: 'app', text: `${step.verb} ${step.detail}`, href: null })),
    requests: await requestLines(db, [call.sid, ...legs.map((l) => l.sid)]),
  };
}

/** The legs a call's `<Dial>`s rang, oldest first. They are in its account, which the index of legs starts with (migration 0018). */
export const dialLegsQuery = (db: Kysely<Database>, call: Pick<Call, 'sid' | 'account_sid'>) =>
  db.selectFrom('calls').select('sid').where('account_sid', '=', call.account_sid).where('parent_call_sid', '=', call.sid).orderBy('date_created').orderBy('sid');
