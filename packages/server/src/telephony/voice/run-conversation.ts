import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import { emitCallCallbacks } from '../callbacks/emit-call-callbacks.ts';
import { advanceConversation, type VoiceContext } from './advance-conversation.ts';
import type { Conversation } from './conversation.ts';
import { endCall } from './end-call.ts';
import { leaveRoomOnHangup } from './leave-room.ts';

/** A call is held this long while its app is asked (longer than the slowest requests of one step). */
const RUN_LEASE_MS = 10 * 25_000;

/** When a waiting call runs next: when it asked, or earlier when something woke it (took it out of a room) while it ran. */
async function nextWake(db: Kysely<Database>, sid: string, lease: number, until: number): Promise<number> {
  const row = await db.selectFrom('calls').select('next_event_at').where('sid', '=', sid).executeTakeFirst();
  const woken = row?.next_event_at;
  return woken !== null && woken !== undefined && woken !== lease ? Math.min(woken, until) : until;
}

/**
 * The simulation's step for a call whose TwiML runs: claim it, advance its conversation to `now`
 * (asking the app outside any transaction), then store where it stopped, with the status callbacks
 * its changes owe, in one transaction.
 */
export async function runConversation(ctx: VoiceContext, call: Call, now: number): Promise<void> {
  const { db } = ctx;
  const lease = now + RUN_LEASE_MS;
  const claim = await db.updateTable('calls').set({ next_event_at: lease }).where('sid', '=', call.sid).where('next_event_at', '=', call.next_event_at).executeTakeFirst();
  if (Number(claim.numUpdatedRows) === 0) return;
  const conversation = JSON.parse(call.conversation!) as Conversation;
  const current: Call = { ...call };
  const stop = await advanceConversation(ctx, current, conversation, now);
  if (stop.kind === 'end' && conversation.room) {
    await leaveRoomOnHangup(ctx, current, conversation.room, stop.at);
    conversation.room = null;
  }
  await db.transaction().execute(async (trx) => {
    const ended = stop.kind === 'end' ? await endCall(trx, current, stop.status, stop.at, ctx.apiBase) : { next_event_at: await nextWake(trx, call.sid, lease, stop.until), date_updated: now };
    const after: Call = { ...current, ...ended, conversation: JSON.stringify(conversation) };
    const { sid: _sid, ...changes } = after;
    await trx.updateTable('calls').set(changes).where('sid', '=', call.sid).execute();
    await emitCallCallbacks(trx, call, after, now);
  });
}
