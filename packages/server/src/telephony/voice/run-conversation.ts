import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import { writesMayStart } from '../../storage/write-gate.ts';
import { emitCallCallbacks } from '../callbacks/emit-call-callbacks.ts';
import { advanceConversation, type VoiceContext } from './advance-conversation.ts';
import type { Conversation } from './conversation.ts';
import { endCall } from './end-call.ts';
import { leaveRoomOnHangup } from './leave-room.ts';

/** A call is held this long while its app is asked (longer than the slowest requests of one step). */
export const RUN_LEASE_MS = 10 * 25_000;

/** When a waiting call runs next: when it asked, or earlier when something woke it (took it out of a room) while it ran. */
async function nextWake(db: Kysely<Database>, sid: string, lease: number, until: number): Promise<number> {
  const row = await db.selectFrom('calls').select('next_event_at').where('sid', '=', sid).executeTakeFirst();
  const woken = row?.next_event_at;
  return woken !== null && woken !== undefined && woken !== lease ? Math.min(woken, until) : until;
}

/**
 * Takes the conversations of `calls`, claimed in the transaction `trx` (claim-due.ts), out of the due
 * rows until `lease`, the instant advanceLeased is given: no other tick or process runs them while
 * they wait for their apps outside any transaction, and the claim commits with the batch's.
 */
export async function leaseConversations(trx: Kysely<Database>, calls: readonly Call[], lease: number): Promise<void> {
  if (calls.length === 0) return;
  await trx.updateTable('calls').set({ next_event_at: lease }).where('sid', 'in', calls.map((call) => call.sid)).execute();
}

/** Gives back the leases of `calls` that leaseConversations took and that have not run: each is due again when it was. */
export async function releaseConversations(db: Kysely<Database>, calls: readonly Call[], lease: number): Promise<void> {
  for (const call of calls) {
    await db.updateTable('calls').set({ next_event_at: call.next_event_at }).where('sid', '=', call.sid).where('next_event_at', '=', lease).execute();
  }
}

/**
 * The columns of `after` that differ from `before`. Written whole, the row's every index was rewritten
 * at each step (SQLite rewrites an index whose columns an UPDATE sets, changed or not), and a column
 * changed meanwhile by another writer was overwritten with the value read before the step.
 */
function changedColumns(before: Call, after: Call): Partial<Call> {
  const changes: Partial<Record<keyof Call, unknown>> = {};
  for (const key of Object.keys(after) as (keyof Call)[]) if (key !== 'sid' && after[key] !== before[key]) changes[key] = after[key];
  return changes as Partial<Call>;
}

/** Where a conversation stopped, to be stored with the status callbacks its changes owe. */
export type ConversationStore = (trx: Kysely<Database>) => Promise<void>;

/**
 * The simulation's step for a call whose TwiML runs, leased until `lease` (leaseConversations):
 * advances its conversation to `now`, asking the app outside any transaction, and returns how to
 * store where it stopped (storeConversations).
 */
export async function advanceLeased(ctx: VoiceContext, call: Call, now: number, lease: number): Promise<ConversationStore> {
  const conversation = JSON.parse(call.conversation!) as Conversation;
  const current: Call = { ...call };
  const stop = await advanceConversation(ctx, current, conversation, now);
  if (stop.kind === 'end' && conversation.room) {
    await leaveRoomOnHangup(ctx, current, conversation.room, stop.at);
    conversation.room = null;
  }
  return async (trx) => {
    const ended = stop.kind === 'end' ? await endCall(trx, current, stop.status, stop.at, ctx.apiBase) : { next_event_at: await nextWake(trx, call.sid, lease, stop.until), date_updated: now };
    const after: Call = { ...current, ...ended, conversation: JSON.stringify(conversation) };
    // `call` is the row as claimed, before its lease: the lease is replaced even where the wake is the same.
    await trx.updateTable('calls').set({ ...changedColumns(call, after), next_event_at: after.next_event_at }).where('sid', '=', call.sid).execute();
    await emitCallCallbacks(trx, call, after, now);
  };
}

/**
 * Stores conversations' steps in one transaction. A commit a step (and one more for its lease) wrote
 * the same few pages, the newest calls' and their indexes', to SQLite's log again for each call: under
 * 20 s of POST Calls the server wrote some 120 KiB a call and fell to 743–780 creates a second, p99
 * 164–500 ms, against 42 KiB and 1,035–1,170, p99 90–99 ms, with the steps of a batch stored together.
 * If the group fails, each is stored on its own, so that one failing step holds back no other; the first
 * failure is thrown.
 */
export async function storeConversations(db: Kysely<Database>, stores: readonly ConversationStore[]): Promise<void> {
  if (stores.length === 0) return;
  await writesMayStart(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const store of stores) await store(trx);
    });
    return;
  } catch (error) {
    if (stores.length === 1) throw error;
  }
  let failure: unknown;
  for (const store of stores) {
    try {
      await writesMayStart(db);
      await db.transaction().execute(store);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
}
