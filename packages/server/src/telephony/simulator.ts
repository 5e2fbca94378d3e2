import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { readClock } from '../clock/account-clock.ts';
import { listClocks } from '../storage/repositories/account-clocks.ts';
import type { Call } from '../storage/repositories/calls.ts';
import type { Database } from '../storage/schema.ts';
import { writesMayStart } from '../storage/write-gate.ts';
import { callStateAt } from './call-lifecycle.ts';
import { claimDue } from './claim-due.ts';
import { emitCallCallbacks } from './callbacks/emit-call-callbacks.ts';
import { completeCall } from './complete-call.ts';
import { advanceLeased, type ConversationStore, leaseConversations, releaseConversations, RUN_LEASE_MS, storeConversations } from './voice/run-conversation.ts';
import { outboundConversation, runsTwiml } from './voice/start-conversation.ts';
import { answerInboundMessage } from './inbound/answer-inbound-message.ts';
import { runMessageActions } from './inbound/message-action.ts';
import { settleMessages } from './settle-messages.ts';
import { settleUnobserved, UNOBSERVED_BATCH } from './settle-unobserved.ts';
import { dueCalls, dueMessages, nextEventAt, type SimulationScope } from './due-rows.ts';

/**
 * Rows per transaction. Between batches the event loop answers requests: a tick that moved thousands of
 * messages in one go held every request back for tens of milliseconds. Smaller batches answered POST
 * Calls sooner (p99 24–37 ms at 10–50 rows, against 56–70 at 100) only by leaving the simulation behind,
 * since each batch waits for a turn of the event loop: after 8 s of them, 20,246 calls were more than a
 * second overdue at 10 rows, 3,709 at 50, none at 100.
 */
const BATCH = 100;
/** More events than any test clock advance produces. */
const MAX_FAMILY_STEPS = 1_000_000;

export interface Simulator {
  /**
   * Moves every call and message whose next event is due when the server's clock reads `now`:
   * accounts with a test clock by their own clock (a frozen one not at all); returns how many moved.
   */
  advanceTo(now: number): Promise<number>;
  /** Moves one clock's family (`owner` and its subaccounts) event by event, in time order, up to `until`. */
  advanceFamily(owner: string, until: number): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * The telephony network: calls and messages move through their states on their account's clock
 * (the server's, unless the family has a test clock). On a tick each due row jumps straight to its
 * state at `now`, so a late tick loses nothing; a clock's advance goes event by event. A call whose
 * TwiML runs, and an inbound message, take their steps one by one up to `now`.
 * Due rows are claimed (claim-due.ts), and conversations and inbound messages take a lease, so several
 * processes share the work and none moves a row twice. `apiBase` is where recording URLs given to apps point.
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

  /**
   * Conversations claimed by a batch, each advanced outside any transaction (it may wait on its app for
   * seconds), their steps stored together: before any request to an app, and at the end.
   */
  async function runConversations(calls: readonly Call[], now: number, lease: number): Promise<void> {
    const held: ConversationStore[] = [];
    const storeHeld = () => storeConversations(db, held.splice(0));
    const ctx = { ...voice, beforeAppRequest: storeHeld };
    for (const [i, call] of calls.entries()) {
      try {
        held.push(await advanceLeased(ctx, call, now, lease));
      } catch (error) {
        // The steps made are stored; the calls not run yet are due again at the next tick, as if never
        // claimed. This one waits out its lease, as a conversation that failed always did, also when what
        // failed was storing the others' steps before its request to its app.
        await storeHeld().catch(() => undefined);
        await releaseConversations(db, calls.slice(i + 1), lease).catch(() => undefined);
        throw error;
      }
    }
    await storeHeld();
  }

  async function advanceCalls(scope: SimulationScope, now: number): Promise<number> {
    let moved = 0;
    const lease = now + RUN_LEASE_MS;
    for (;;) {
      await writesMayStart(db);
      const due = await db.transaction().execute(async (trx) => {
        const claimed = await claimDue(trx, (t) => dueCalls(t, scope, now, BATCH));
        for (const call of claimed.filter((c) => c.conversation === null)) {
          const changes = await planned(trx, call, now);
          const moved = await trx.updateTable('calls').set(changes).where('sid', '=', call.sid).where('next_event_at', '=', call.next_event_at).executeTakeFirst();
          if (Number(moved.numUpdatedRows) === 1) await emitCallCallbacks(trx, call, { ...call, ...changes }, now);
        }
        await leaseConversations(trx, claimed.filter((c) => c.conversation !== null), lease);
        return claimed;
      });
      if (due.length === 0) return moved;
      await runConversations(due.filter((call) => call.conversation !== null), now, lease);
      moved += due.length;
      await nextTurn();
    }
  }

  async function advanceMessages(scope: SimulationScope, now: number): Promise<number> {
    let moved = 0;
    // Unobserved messages settle a batch per statement; the rest (and any left behind) one by one below.
    for (;;) {
      const settled = await settleUnobserved(db, scope, now);
      moved += settled;
      if (settled < UNOBSERVED_BATCH) break;
      await nextTurn();
    }
    for (;;) {
      await writesMayStart(db);
      const due = await db.transaction().execute(async (trx) => {
        const claimed = await claimDue(trx, (t) => dueMessages(t, scope, now, BATCH));
        await settleMessages(trx, claimed.filter((m) => m.direction !== 'inbound'), now);
        return claimed;
      });
      if (due.length === 0) return moved;
      // An inbound message waits for its app's answer, one at a time, outside the batch's transaction.
      for (const message of due) if (message.direction === 'inbound') await answerInboundMessage(db, seed, message, now);
      moved += due.length;
      if (due.length < BATCH) return moved;
      await nextTurn();
    }
  }

  // `<Message action>`s fall due at the instant their reply is sent, so they run in the same pass.
  const advanceScope = async (scope: SimulationScope, now: number): Promise<number> =>
    (await advanceCalls(scope, now)) + (await advanceMessages(scope, now)) + (await runMessageActions(db, seed, now));

  /** The server's accounts jump to `serverNow`; each running test clock's family jumps to what it reads. */
  async function advanceAll(serverNow: number): Promise<number> {
    const clocks = await listClocks(db);
    let moved = await advanceScope({ kind: 'server-clock', clockOwners: clocks.map((c) => c.account_sid) }, serverNow);
    for (const clock of clocks) {
      if (clock.frozen_at === null) moved += await advanceScope({ kind: 'family', owner: clock.account_sid }, readClock(clock, serverNow));
    }
    return moved;
  }

  /**
   * Each step moves only what falls due at the earliest pending instant, so a callback due at t=5 is
   * written before a change at t=10, with its own date. Each step leaves nothing due at its instant,
   * so the steps move strictly forward.
   */
  async function advanceFamilyStepwise(owner: string, until: number): Promise<number> {
    const scope: SimulationScope = { kind: 'family', owner };
    let moved = 0;
    for (let at = await nextEventAt(db, scope, until); at !== null; at = await nextEventAt(db, scope, until)) {
      moved += await advanceScope(scope, at);
      // A row that stayed due would repeat forever: better an error than a request that never answers.
      if (moved > MAX_FAMILY_STEPS) throw new Error(`Advancing the clock of ${owner} moved more than ${MAX_FAMILY_STEPS} events; a call or message is not moving on.`);
    }
    return moved;
  }

  // One advance at a time: ticks and explicit calls never move the same row twice.
  const serially = (work: () => Promise<number>): Promise<number> => {
    const next = running.then(work);
    running = next.catch(() => undefined);
    return next;
  };
  const advanceTo = (now: number): Promise<number> => serially(() => advanceAll(now));

  return {
    advanceTo,
    advanceFamily: (owner, until) => serially(() => advanceFamilyStepwise(owner, until)),
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
