import { sql, type Kysely } from 'kysely';
import type { CallsTable, CallStatus, Database, MessagesTable, MessageStatus, RecordingsTable, TranscriptionsTable } from '../../storage/schema.ts';
import { billedMinutes, MAX_START_LAG_MS, QUEUE_SECONDS } from '../call-lifecycle.ts';
import { MESSAGE_ERRORS } from '../message-lifecycle.ts';
import { pick } from '../outcome.ts';
import { countSegments } from '../segments.ts';
import { formatPrice, priceMicros, type UsageCategory } from '../usage-categories.ts';
import { sortedActivityInstants } from './activity-curve.ts';
import { contactNumbers, ensureOwnedNumbers, pickContact } from './numbers.ts';
import { BulkInserter } from '../../storage/bulk-insert.ts';
import { withBulkLoad } from '../../storage/bulk-load.ts';
import { newSid } from '../../util/sid.ts';
import { seededRandom } from './random.ts';
import { UsageTally } from './usage-tally.ts';
import { findAccount } from '../../storage/repositories/accounts.ts';
import { addCredit } from '../../storage/repositories/balance-credits.ts';

export interface SeedRequest {
  accountSid: string;
  calls: number;
  messages: number;
  days: number;
  seed: number;
  now: number;
  onProgress?: (kind: 'calls' | 'messages', done: number) => void;
}

/** Rows generated at a time (and a progress report after each): small enough to keep memory flat. */
const ROWS_PER_BATCH = 20_000;
/**
 * From this many rows, and more than the tables already hold, indexes are rebuilt after
 * the load rather than maintained row by row.
 */
const REBUILD_INDEXES_FROM = 100_000;
const SEEDED_TABLES = ['calls', 'messages', 'recordings', 'transcriptions'] as const;
const RECORDED_SHARE = 0.05;

const BODIES = [
  'Your appointment is confirmed for tomorrow at 10am.', 'Thanks for calling! Reply STOP to opt out.', 'Your order has shipped 📦',
  'Reminder: your invoice is due Friday.', 'Can you call me back when you get a chance?', 'Your verification code is 482913',
  'We are running 10 minutes late, sorry!', 'Great talking today — the proposal is attached.',
];

type SeededCall = { call: CallsTable; recording?: RecordingsTable; transcription?: TranscriptionsTable };

function seededCall(random: () => number, accountSid: string, owned: readonly string[], contacts: readonly string[], createdAt: number, tally: UsageTally): SeededCall {
  const inbound = random() < 0.4;
  const ours = owned[Math.floor(random() * owned.length)]!;
  const theirs = pickContact(random, contacts);
  const status = pick<CallStatus>(random(), [['completed', 78], ['no-answer', 10], ['busy', 7], ['failed', 5]]);
  const ring = status === 'failed' ? 0 : status === 'no-answer' ? 30 + Math.floor(random() * 30) : 2 + Math.floor(random() * 20);
  const talk = status === 'completed' ? Math.min(1800, Math.max(3, Math.round(Math.exp(2.5 + random() * 5)))) : 0;
  const decidedAt = createdAt + (QUEUE_SECONDS + ring) * 1000;
  const endAt = decidedAt + talk * 1000;
  const category: UsageCategory = inbound ? 'calls-inbound' : 'calls-outbound';
  const minutes = billedMinutes(talk);
  if (talk > 0) tally.add(accountSid, endAt, category, 1, minutes);
  const call: CallsTable = {
    sid: newSid('CA'), account_sid: accountSid, parent_call_sid: null,
    to: inbound ? ours : theirs, from: inbound ? theirs : ours, phone_number_sid: null, status,
    direction: inbound ? 'inbound' : 'outbound-api', start_time: decidedAt, end_time: endAt, duration: talk,
    price: talk > 0 ? formatPrice(priceMicros(category, minutes)) : null, answered_by: null, caller_name: null, forwarded_from: null,
    queue_time: 0, url: inbound ? null : 'https://example.com/twiml', method: 'POST', twiml: null, application_sid: null,
    status_callback: null, status_callback_method: null, status_callback_events: 'completed', fallback_url: null, fallback_method: null, conversation: null, record: 0, outcome: status, ring_seconds: ring, talk_seconds: talk,
    next_event_at: null, date_created: createdAt, date_updated: endAt,
  };
  if (status !== 'completed' || random() >= RECORDED_SHARE) return { call };
  const recordingSid = newSid('RE');
  tally.add(accountSid, endAt, 'recordings', 1, minutes);
  const recording: RecordingsTable = {
    sid: recordingSid, account_sid: accountSid, call_sid: call.sid, conference_sid: null, duration: talk, channels: 1, source: 'OutboundAPI', status: 'completed',
    price: formatPrice(priceMicros('recordings', minutes)), start_time: decidedAt, date_created: endAt, date_updated: endAt,
  };
  if (random() >= 1 / 3) return { call, recording };
  tally.add(accountSid, endAt, 'transcriptions', 1, minutes);
  const transcription: TranscriptionsTable = {
    sid: newSid('TR'), account_sid: accountSid, recording_sid: recordingSid, duration: talk, status: 'completed',
    transcription_text: 'Hello, this is a simulated call. Thanks for calling, goodbye.', price: formatPrice(priceMicros('transcriptions', minutes)),
    date_created: endAt, date_updated: endAt,
  };
  return { call, recording, transcription };
}

function seededMessage(random: () => number, accountSid: string, owned: readonly string[], contacts: readonly string[], createdAt: number, tally: UsageTally): MessagesTable {
  const inbound = random() < 0.35;
  const ours = owned[Math.floor(random() * owned.length)]!;
  const theirs = pickContact(random, contacts);
  const body = BODIES[Math.floor(random() * BODIES.length)]!;
  const status: MessageStatus = inbound ? 'received' : pick<MessageStatus>(random(), [['delivered', 95], ['undelivered', 3], ['failed', 2]]);
  const segments = countSegments(body);
  const sentAt = status === 'failed' ? null : createdAt + 700;
  const category: UsageCategory = inbound ? 'sms-inbound' : 'sms-outbound';
  if (sentAt !== null) tally.add(accountSid, sentAt, category, 1, segments);
  const error = status === 'failed' || status === 'undelivered' ? MESSAGE_ERRORS[status] : null;
  return {
    sid: newSid('SM'), account_sid: accountSid, to: inbound ? ours : theirs, from: inbound ? theirs : ours, messaging_service_sid: null,
    body, status, direction: inbound ? 'inbound' : 'outbound-api', num_segments: segments, num_media: 0,
    price: sentAt === null ? null : formatPrice(priceMicros(category, segments)), error_code: error?.code ?? null, error_message: error?.message ?? null,
    status_callback: null, outcome: status, next_event_at: null, send_at: null, unobserved: 0, date_sent: sentAt, date_created: createdAt, date_updated: createdAt + 2000,
  };
}

/**
 * Fills an account with realistic history — calls and messages over `days` days along a business
 * day's curve, between its own numbers and a recurring set of contacts — billed as usage.
 */
export async function seedAccount(db: Kysely<Database>, request: SeedRequest): Promise<void> {
  const random = seededRandom(request.seed);
  const owned = await ensureOwnedNumbers(db, request.accountSid, 3, request.now);
  const contacts = contactNumbers(random, 200);
  const tally = new UsageTally();
  const rows = request.calls + request.messages;
  const rebuildIndexes = rows >= REBUILD_INDEXES_FROM && rows > (await existingRows(db));

  const cost = await withBulkLoad(db, { tables: SEEDED_TABLES, rebuildIndexes }, async (trx) => {
    const inserter = new BulkInserter();
    // Calls end in a final status: they were placed long enough ago to have finished.
    const callTimes = sortedActivityInstants(random, request.calls, request.now - MAX_START_LAG_MS - 1_800_000, request.days);
    for (let done = 0; done < request.calls; ) {
      const size = Math.min(ROWS_PER_BATCH, request.calls - done);
      const batch = Array.from({ length: size }, (_, i) => seededCall(random, request.accountSid, owned, contacts, callTimes[done + i]!, tally));
      await inserter.insert(trx, 'calls', batch.map((b) => b.call));
      await inserter.insert(trx, 'recordings', batch.flatMap((b) => (b.recording ? [b.recording] : [])));
      await inserter.insert(trx, 'transcriptions', batch.flatMap((b) => (b.transcription ? [b.transcription] : [])));
      done += size;
      request.onProgress?.('calls', done);
    }
    const messageTimes = sortedActivityInstants(random, request.messages, request.now - 60_000, request.days);
    for (let done = 0; done < request.messages; ) {
      const size = Math.min(ROWS_PER_BATCH, request.messages - done);
      const batch = Array.from({ length: size }, (_, i) => seededMessage(random, request.accountSid, owned, contacts, messageTimes[done + i]!, tally));
      await inserter.insert(trx, 'messages', batch);
      done += size;
      request.onProgress?.('messages', done);
    }
    return tally.flush(trx);
  });
  // Seeded history was paid for when it happened: the balance stays what it was, and the account can keep spending.
  const account = await findAccount(db, request.accountSid);
  if (account && cost > 0) await addCredit(db, account.parent_sid ?? account.sid, cost, 'seeded history', request.now);
  // Fresh statistics, so the query planner knows the tables just grew by orders of magnitude.
  await sql`analyze`.execute(db);
}

async function existingRows(db: Kysely<Database>): Promise<number> {
  const counts = await Promise.all(SEEDED_TABLES.slice(0, 2).map((table) => db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()));
  return counts.reduce((sum, c) => sum + Number(c.n), 0);
}
