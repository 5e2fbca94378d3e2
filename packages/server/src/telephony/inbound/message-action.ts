import type { Kysely } from 'kysely';
import type { Message } from '../../storage/repositories/messages.ts';
import type { Database } from '../../storage/schema.ts';
import { messageStatusParams } from '../callbacks/emit-message-callbacks.ts';
import { messageStatusesBetween } from '../callbacks/message-progress.ts';
import { ANSWER_LEASE_MS, followMessagingTwiml, storeReplies } from './answer-inbound-message.ts';

const BATCH = 50;

/** A `<Message action>` reply's action falls due when the reply is sent (or fails to be), in the change's transaction. */
export async function markActionDue(trx: Kysely<Database>, before: Message, after: Message, now: number): Promise<void> {
  if (after.direction !== 'outbound-reply') return;
  const passed = messageStatusesBetween(before.status, after.status);
  if (!passed.some((s) => s === 'sent' || s === 'failed' || s === 'canceled')) return;
  await trx.updateTable('message_actions').set({ due_at: now }).where('message_sid', '=', after.sid).where('due_at', 'is', null).execute();
}

/**
 * Requests each due `<Message action>` with the reply's status parameters and goes on with the
 * messaging flow its answer gives: more replies from the number, maybe with actions of their own.
 * Each is claimed first and asked outside any transaction (the app may take seconds).
 */
export async function runMessageActions(db: Kysely<Database>, seed: number, now: number): Promise<number> {
  const due = await db.selectFrom('message_actions').selectAll().where('due_at', '<=', now).orderBy('due_at').orderBy('message_sid').limit(BATCH).execute();
  for (const action of due) {
    const claim = await db.updateTable('message_actions').set({ due_at: now + ANSWER_LEASE_MS }).where('message_sid', '=', action.message_sid).where('due_at', '=', action.due_at).executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 0) continue;
    const reply = await db.selectFrom('messages').selectAll().where('sid', '=', action.message_sid).executeTakeFirst();
    const replies = reply
      ? await followMessagingTwiml(db, { accountSid: reply.account_sid, resourceSid: reply.sid, params: messageStatusParams(reply, reply.status, now), first: action, fallback: null }, now)
      : [];
    await db.transaction().execute(async (trx) => {
      if (reply) await storeReplies(trx, seed, replies, { accountSid: reply.account_sid, texter: reply.to, number: reply.from ?? '' }, now);
      await trx.deleteFrom('message_actions').where('message_sid', '=', action.message_sid).execute();
    });
  }
  return due.length;
}
