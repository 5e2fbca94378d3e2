import type { Kysely } from 'kysely';
import { freshMemo } from '../storage/fresh-memo.ts';
import type { Database } from '../storage/schema.ts';
import { settleMessage } from './settle-message.ts';

/** Whether the account has a usage trigger, which must see each message's usage as it happens. */
export const hasUsageTriggers = freshMemo(['usage_triggers'], async (db, accountSid) =>
  (await db.selectFrom('usage_triggers').select('sid').where('account_sid', '=', accountSid).limit(1).executeTakeFirst()) !== undefined);

/**
 * Before a usage trigger starts watching the account: its unobserved messages in flight are moved to
 * their state at `now` (billed if sent) and take each later step as a written one, so the trigger
 * sees their usage when it happens, as it sees every later message's.
 */
export async function observeMessagesFrom(db: Kysely<Database>, accountSid: string, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inFlight = await trx.selectFrom('messages').selectAll()
      .where('account_sid', '=', accountSid).where('unobserved', '=', 1).where('next_event_at', 'is not', null).execute();
    for (const message of inFlight) await settleMessage(trx, message, now);
  });
}
