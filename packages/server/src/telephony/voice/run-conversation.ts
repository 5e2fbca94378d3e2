import type { Call } from '../../storage/repositories/calls.ts';
import { emitCallCallbacks } from '../callbacks/emit-call-callbacks.ts';
import { advanceConversation, type VoiceContext } from './advance-conversation.ts';
import type { Conversation } from './conversation.ts';
import { endCall } from './end-call.ts';

/** A call is held this long while its app is asked (longer than the slowest requests of one step). */
const RUN_LEASE_MS = 10 * 25_000;

/**
 * The simulation's step for a call whose TwiML runs: claim it, advance its conversation to `now`
 * (asking the app outside any transaction), then store where it stopped, with the status callbacks
 * its changes owe, in one transaction.
 */
export async function runConversation(ctx: VoiceContext, call: Call, now: number): Promise<void> {
  const { db } = ctx;
  const claim = await db.updateTable('calls').set({ next_event_at: now + RUN_LEASE_MS }).where('sid', '=', call.sid).where('next_event_at', '=', call.next_event_at).executeTakeFirst();
  if (Number(claim.numUpdatedRows) === 0) return;
  const conversation = JSON.parse(call.conversation!) as Conversation;
  const current: Call = { ...call };
  const stop = await advanceConversation(ctx, current, conversation, now);
  await db.transaction().execute(async (trx) => {
    const ended = stop.kind === 'end' ? await endCall(trx, current, stop.status, stop.at, ctx.apiBase) : { next_event_at: stop.until, date_updated: now };
    const after: Call = { ...current, ...ended, conversation: JSON.stringify(conversation) };
    const { sid: _sid, ...changes } = after;
    await trx.updateTable('calls').set(changes).where('sid', '=', call.sid).execute();
    await emitCallCallbacks(trx, call, after, now);
  });
}
