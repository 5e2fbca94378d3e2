import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../storage/dialect-of.ts';
import type { Database } from '../storage/schema.ts';
import { writesMayStart } from '../storage/write-gate.ts';
import { claimDue } from './claim-due.ts';
import { dueUnobservedMessages, type SimulationScope } from './due-rows.ts';
import { MESSAGE_ERRORS, SENT_AFTER_MS } from './message-lifecycle.ts';
import { addingToTheDay } from './record-usage.ts';
import { USAGE_CATEGORIES } from './usage-categories.ts';

/** Messages per transaction: the event loop answers requests between them. */
export const UNOBSERVED_BATCH = 500;

const MICROS_PER_SEGMENT = USAGE_CATEGORIES['sms-outbound'].microsPerUnit;

/** What an unobserved message settles to is a function of its row alone: SQL works it out for a batch. */
const sentAt = sql<number>`(date_created + ${sql.lit(SENT_AFTER_MS)})`;
const errorCode = sql<number | null>`case outcome when 'failed' then ${sql.lit(MESSAGE_ERRORS.failed.code)} when 'undelivered' then ${sql.lit(MESSAGE_ERRORS.undelivered.code)} end`;
const errorMessage = sql<string | null>`case outcome when 'failed' then ${sql.lit(MESSAGE_ERRORS.failed.message)} when 'undelivered' then ${sql.lit(MESSAGE_ERRORS.undelivered.message)} end`;

/** The UTC day of an instant in epoch milliseconds, as utcDay() writes it. */
const dayOf = (db: Kysely<Database>, epochMs: typeof sentAt) =>
  dialectOf(db) === 'sqlite'
    ? sql<string>`strftime('%Y-%m-%d', (${epochMs}) / 1000, 'unixepoch')`
    : sql<string>`to_char(to_timestamp((${epochMs}) / 1000) at time zone 'UTC', 'YYYY-MM-DD')`;

/** Its segments' price as formatPrice() writes it (`-0.00790`). */
const priceOf = (db: Kysely<Database>) =>
  dialectOf(db) === 'sqlite'
    ? sql<string>`printf('%.5f', -(num_segments * ${sql.lit(MICROS_PER_SEGMENT)}) / 1000000.0)`
    : sql<string>`cast(round(-(num_segments * ${sql.lit(MICROS_PER_SEGMENT)}) / 1000000.0, 5) as text)`;

/** The rows moved to their final state, dated when they settled. */
const settledRows = (trx: Kysely<Database>) =>
  trx.updateTable('messages').set({
    status: sql`outcome`,
    date_sent: sql`case when outcome = 'failed' then null else ${sentAt} end`,
    error_code: errorCode,
    error_message: errorMessage,
    price: sql`case when outcome = 'failed' then null else ${priceOf(trx)} end`,
    date_updated: sql`next_event_at`,
    next_event_at: null,
  });

/** A settled row's send date, as the update returns it. */
const dateSent = sql<number>`date_sent`;

/** The usage of settled rows per account and day of sending (`sent`), as usage_daily keeps it. */
const usageColumns = ['account_sid', 'day', 'category', 'count', 'usage', 'price_micros'] as const;
const usageOf = (trx: Kysely<Database>, sent: typeof sentAt) =>
  [sql.ref<string>('account_sid').as('account_sid'), dayOf(trx, sent).as('day'), sql.lit('sms-outbound').as('category'), sql<number>`count(*)`.as('count'),
    sql<number>`sum(num_segments)`.as('usage'), sql<number>`sum(num_segments) * ${sql.lit(MICROS_PER_SEGMENT)}`.as('price_micros')] as const;

/**
 * Settles a batch of unobserved messages (observed-message.ts) due at `now` in `scope`, in three
 * statements whatever their number (two on PostgreSQL): their usage summed per account and day, and
 * their rows moved to their final state, dated when they settled. Accounts with a usage trigger are
 * left to the simulator's one-by-one path, which fires the triggers. Returns how many settled.
 */
export async function settleUnobserved(db: Kysely<Database>, scope: SimulationScope, now: number): Promise<number> {
  await writesMayStart(db);
  return db.transaction().execute(async (trx) => {
    const sids = (await claimDue(trx, (t) => dueUnobservedMessages(t, scope, now, UNOBSERVED_BATCH))).map((row) => row.sid);
    if (sids.length === 0) return 0;
    if (dialectOf(trx) === 'postgres') {
      // One statement: the moved rows return what their usage is summed from, so each is read once, and
      // the SIDs go as one array, so the statement is the same text (one prepared plan) at any batch size.
      await trx
        .with('settled', () => settledRows(trx).where('sid', '=', sql<string>`any(${sids})`).returning(['account_sid', 'date_sent', 'num_segments', 'outcome']))
        .insertInto('usage_daily')
        .columns(usageColumns)
        .expression((eb) => eb.selectFrom('settled').select(usageOf(trx, dateSent)).where('outcome', '<>', 'failed').groupBy([sql.ref('account_sid'), dayOf(trx, dateSent)]))
        .onConflict(addingToTheDay)
        .execute();
      return sids.length;
    }
    await trx
      .insertInto('usage_daily')
      .columns(usageColumns)
      .expression(
        trx.selectFrom('messages')
          .select(usageOf(trx, sentAt))
          .where('sid', 'in', sids).where('outcome', '<>', 'failed')
          .groupBy(['account_sid', dayOf(trx, sentAt)]),
      )
      .onConflict(addingToTheDay)
      .execute();
    await settledRows(trx).where('sid', 'in', sids).execute();
    return sids.length;
  });
}
