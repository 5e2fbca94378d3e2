import type { Kysely } from 'kysely';
import type { Call } from '../storage/repositories/calls.ts';
import type { Database } from '../storage/schema.ts';
import { callStateAt } from './call-lifecycle.ts';
import { claimDue } from './claim-due.ts';
import { emitCallCallbacks } from './callbacks/emit-call-callbacks.ts';
import { completeCall } from './complete-call.ts';
import { runConversation } from './voice/run-conversation.ts';
import { outboundConversation, runsTwiml } from './voice/start-conversation.ts';
import { answerInboundMessage } from './inbound/answer-inbound-message.ts';
import { settleMessage } from './settle-message.ts';

const BATCH = 500;

const dueCalls = (now: number) => (trx: Kysely<Database>) => trx.selectFrom('calls').selectAll().where('next_event_at', '<=', now).orderBy('next_event_at').limit(BATCH);
const dueMessages = (now: number) => (trx: Kysely<Database>) => trx.selectFrom('messages').selectAll().where('next_event_at', '<=', now).orderBy('next_event_at').limit(BATCH);

export interface Simulator {
  /** Moves every call and message whose next event is due at `now`; returns how many moved. */
  advanceTo(now: number): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * The telephony network: calls and messages move through their states on the server's clock.
 * Each due row jumps straight to its state at `now`, so a late tick loses nothing; a call whose
 * TwiML runs, and an inbound message, take their steps one by one up to `now`. Due rows are claimed
 * (claim-due.ts), and conversations and inbound messages take a lease, so several processes share the
 * work and none moves a row twice. `apiBase` is where recording URLs given to apps point.
 */
export function createSimulator(db: Kysely<Database>, seed: number, clock: () => number, apiBase = 'https://api.twilio.com'): Simulator {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const voice = { db, seed, apiBase };

  /** A call that follows its plan moves to its state at `now`; one whose TwiML starts runs it from its answer. */
  async function planned(trx: Kysely<Database>, call: Call, now: number): Promise<Partial<Call>> {
    const state = callStateAt(call, now);
    if (runsTwiml(call) && call.outcome === 'completed' && state.start_time !== null) {
      const conversation = await outboundConversation(trx, call, state.start_time);
      return { status: 'in-progress', start_time: state.start_time, next_event_at: state.start_time, conversation: JSON.stringify(conversation), date_updated: now };
    }
    return state.next_event_at === null ? completeCall(trx, seed, call, now) : { ...state, date_updated: now };
  }

  async function advanceCalls(now: number): Promise<number> {
    let moved = 0;
    for (;;) {
      const due = await db.transaction().execute(async (trx) => {
        const claimed = await claimDue(trx, dueCalls(now));
        for (const call of claimed.filter((c) => c.conversation === null)) {
          const changes = await planned(trx, call, now);
          const moved = await trx.updateTable('calls').set(changes).where('sid', '=', call.sid).where('next_event_at', '=', call.next_event_at).executeTakeFirst();
          if (Number(moved.numUpdatedRows) === 1) await emitCallCallbacks(trx, call, { ...call, ...changes }, now);
        }
        return claimed;
      });
      if (due.length === 0) return moved;
      // A conversation may wait on its app for seconds: each runs outside the batch's transaction.
      for (const call of due) if (call.conversation !== null) await runConversation(voice, call, now);
      moved += due.length;
    }
  }

  async function advanceMessages(now: number): Promise<number> {
    let moved = 0;
    for (;;) {
      const due = await db.transaction().execute(async (trx) => {
        const claimed = await claimDue(trx, dueMessages(now));
        for (const message of claimed) if (message.direction !== 'inbound') await settleMessage(trx, message, now);
        return claimed;
      });
      if (due.length === 0) return moved;
      // An inbound message waits for its app's answer, one at a time, outside the batch's transaction.
      for (const message of due) if (message.direction === 'inbound') await answerInboundMessage(db, seed, message, now);
      moved += due.length;
      if (due.length < BATCH) return moved;
    }
  }

  const advanceTo = (now: number): Promise<number> => {
    // One advance at a time: ticks and explicit calls never move the same row twice.
    const next = running.then(async () => (await advanceCalls(now)) + (await advanceMessages(now)));
    running = next.catch(() => undefined);
    return next;
  };

  return {
    advanceTo,
    start(intervalMs) {
      if (intervalMs <= 0) return;
      timer = setInterval(() => {
        advanceTo(clock()).catch((error) => console.error('Telephony simulation tick failed:', error));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
