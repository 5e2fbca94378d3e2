import { CompiledQuery, sql, type Kysely } from 'kysely';
import { dialectOf } from '../storage/dialect-of.ts';
import type { Database, MessagesTable, UsageDailyTable } from '../storage/schema.ts';
import { lastStepAt, messageStateAt } from './message-lifecycle.ts';
import { addUsageRows, utcDay } from './record-usage.ts';
import { settleMessage } from './settle-message.ts';
import { formatPrice, priceMicros } from './usage-categories.ts';

/** Rows per UPDATE: 8 parameters each, well inside both databases' limits. */
const CHUNK = 200;

/** Accounts among `sids` with a usage trigger, which must see each message's usage as it happens. */
async function accountsWithTriggers(db: Kysely<Database>, sids: readonly string[]): Promise<Set<string>> {
  if (sids.length === 0) return new Set();
  const rows = await db.selectFrom('usage_triggers').select('account_sid').distinct().where('account_sid', 'in', sids).execute();
  return new Set(rows.map((r) => r.account_sid));
}

interface Move {
  message: MessagesTable;
  state: ReturnType<typeof messageStateAt>;
  /** The price billed now (the first time the message is sent), else null. */
  micros: number | null;
  /** An unobserved message's last step, as readers saw it (observed-message.ts); else now. */
  updatedAt: number;
}

const MOVE_ONE =
  'update messages set status = ?, date_sent = ?, error_code = ?, error_message = ?, next_event_at = ?, price = coalesce(?, price), date_updated = ? where sid = ? and next_event_at = ?';

/**
 * SQLite: one prepared UPDATE per row, each a primary-key lookup of a few µs. Its planner runs
 * `UPDATE … FROM (VALUES …)` as a scan of every in-flight message for each row, tens of times slower.
 */
async function updateEach(db: Kysely<Database>, moves: readonly Move[]): Promise<Set<string>> {
  const moved = new Set<string>();
  for (const { message: m, state: s, micros, updatedAt } of moves) {
    const parameters = [s.status, s.date_sent, s.error_code, s.error_message, s.next_event_at, micros === null ? null : formatPrice(micros), updatedAt, m.sid, m.next_event_at];
    const result = await db.executeQuery(CompiledQuery.raw(MOVE_ONE, parameters));
    if (result.numAffectedRows === 1n) moved.add(m.sid);
  }
  return moved;
}

/** Moves every row in one statement per chunk; returns the SIDs that moved (still as they were read). */
async function updateAll(db: Kysely<Database>, moves: readonly Move[]): Promise<Set<string>> {
  if (dialectOf(db) === 'sqlite') return updateEach(db, moves);
  const moved = new Set<string>();
  for (let i = 0; i < moves.length; i += CHUNK) {
    // Typed once per value: PostgreSQL reads untyped parameters in VALUES as text.
    const rows = moves.slice(i, i + CHUNK).map(({ message: m, state: s, micros, updatedAt }) =>
      sql`(cast(${m.sid} as text), cast(${m.next_event_at} as bigint), cast(${s.status} as text), cast(${s.date_sent} as bigint), cast(${s.error_code} as integer), cast(${s.error_message} as text), cast(${s.next_event_at} as bigint), cast(${micros === null ? null : formatPrice(micros)} as text), cast(${updatedAt} as bigint))`,
    );
    const result = await sql<{ sid: string }>`
      update messages set status = v.column3, date_sent = v.column4, error_code = v.column5, error_message = v.column6,
        next_event_at = v.column7, price = coalesce(v.column8, messages.price), date_updated = v.column9
      from (values ${sql.join(rows)}) as v
      where messages.sid = v.column1 and messages.next_event_at = v.column2
      returning messages.sid`.execute(db);
    for (const row of result.rows) moved.add(row.sid);
  }
  return moved;
}

/**
 * Moves outbound messages to their state at `now`, as `settleMessage` does one by one. A message that
 * nothing observes (no StatusCallback, no `<Message action>`, no usage trigger on its account) moves
 * in a batch: one UPDATE per chunk and its usage summed per account and day. The others take the
 * one-by-one path, so their callbacks and trigger firings keep their order and instants.
 */
export async function settleMessages(db: Kysely<Database>, messages: readonly MessagesTable[], now: number): Promise<void> {
  const watched = await accountsWithTriggers(db, [...new Set(messages.map((m) => m.account_sid))]);
  const quiet: Move[] = [];
  for (const message of messages) {
    if (message.status_callback || message.direction === 'outbound-reply' || watched.has(message.account_sid)) {
      await settleMessage(db, message, now);
      continue;
    }
    const state = messageStateAt(message, now);
    const billed = state.date_sent !== null && message.price === null;
    const updatedAt = message.unobserved === 1 ? lastStepAt(message, now) : now;
    quiet.push({ message, state, micros: billed ? priceMicros('sms-outbound', message.num_segments) : null, updatedAt });
  }
  const moved = await updateAll(db, quiet);
  const usage = new Map<string, UsageDailyTable>();
  for (const { message, state, micros } of quiet) {
    if (micros === null || !moved.has(message.sid)) continue;
    const day = utcDay(state.date_sent!);
    const key = `${message.account_sid} ${day}`;
    const row = usage.get(key) ?? { account_sid: message.account_sid, day, category: 'sms-outbound', count: 0, usage: 0, price_micros: 0 };
    row.count += 1;
    row.usage += message.num_segments;
    row.price_micros += micros;
    usage.set(key, row);
  }
  await addUsageRows(db, [...usage.values()]);
}
