import type { Kysely } from 'kysely';
import { timeOrderedSid } from '../../util/sid.ts';
import type { Dialect } from '../database.ts';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEventsTable } from '../schema-webhooks.ts';

export type WebhookEvent = WebhookEventsTable;
export type WebhookDelivery = WebhookDeliveriesTable;
export type WebhookAttempt = WebhookAttemptsTable;

export interface NewDelivery {
  url: string;
  method: WebhookDelivery['method'];
  params: Record<string, string>;
  /** The call or message reported on, and the callback's place in its order. */
  resource?: { sid: string; seq: number };
}

/** Writes an event and, when there is somewhere to send it, its delivery, due at once. Call inside the event's transaction. */
export async function insertEvent(
  trx: Kysely<Database>,
  event: Omit<WebhookEvent, 'sid'>,
  delivery: NewDelivery | null,
): Promise<{ event: WebhookEvent; delivery: WebhookDelivery | null }> {
  const row: WebhookEvent = { sid: timeOrderedSid('EV', event.date_created), ...event };
  await trx.insertInto('webhook_events').values(row).execute();
  if (!delivery) return { event: row, delivery: null };
  const owner = { event_sid: row.sid, account_sid: row.account_sid, connect_app_sid: row.connect_app_sid };
  const deliveryRow = newDeliveryRow(owner, delivery, null, event.date_created);
  await trx.insertInto('webhook_deliveries').values(deliveryRow).execute();
  return { event: row, delivery: deliveryRow };
}

type Owner = Pick<WebhookDelivery, 'event_sid' | 'account_sid' | 'connect_app_sid'>;

const newDeliveryRow = (owner: Owner, d: NewDelivery, replayOf: string | null, now: number): WebhookDelivery => ({
  sid: timeOrderedSid('DL', now),
  event_sid: owner.event_sid,
  account_sid: owner.account_sid,
  connect_app_sid: owner.connect_app_sid,
  url: d.url,
  method: d.method,
  params: JSON.stringify(d.params),
  status: 'pending',
  attempts: 0,
  next_attempt_at: now,
  lease_token: null,
  replay_of: replayOf,
  resource_sid: replayOf === null ? (d.resource?.sid ?? null) : null,
  resource_seq: replayOf === null ? (d.resource?.seq ?? null) : null,
  delivered_at: null,
  date_created: now,
  date_updated: now,
});

/** A replay is a new delivery of the same request, due at once; the original keeps its history. */
export async function insertReplay(db: Kysely<Database>, original: WebhookDelivery, now: number): Promise<WebhookDelivery> {
  const request = { url: original.url, method: original.method, params: JSON.parse(original.params) as Record<string, string> };
  const row = newDeliveryRow(original, request, original.sid, now);
  await db.insertInto('webhook_deliveries').values(row).execute();
  return row;
}

/** The next place in a resource's callback order (0 for its first callback). */
export async function nextResourceSeq(trx: Kysely<Database>, resourceSid: string): Promise<number> {
  const row = await trx
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.max('resource_seq').as('last'))
    .where('resource_sid', '=', resourceSid)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** Pending deliveries, soonest first; a callback waits while an earlier one for the same resource is still pending, so one resource's callbacks go out in order. */
const pendingInOrder = (db: Kysely<Database>, limit: number) =>
  db
    .selectFrom('webhook_deliveries as d')
    .select(['d.sid', 'd.next_attempt_at'])
    .where('d.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('d.resource_sid', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as earlier')
              .select('earlier.sid')
              .whereRef('earlier.resource_sid', '=', 'd.resource_sid')
              .whereRef('earlier.resource_seq', '<', 'd.resource_seq')
              .where('earlier.status', '=', 'pending'),
          ),
        ),
      ]),
    )
    .orderBy('d.next_attempt_at')
    .limit(limit);

/**
 * The deliveries due at `now`, as two queries, each through an index of its own: those whose next
 * attempt has come, and those never tried, which are due at once even when a test clock ahead of the
 * server's dated them. As one `OR`, SQLite read every pending delivery, those waiting out their backoff
 * too, unless its statistics told it better (20,000 of them: 30 ms a poll, against 0.5).
 */
export const dueDeliveryQueries = (db: Kysely<Database>, now: number, limit: number) => [
  pendingInOrder(db, limit).where('d.next_attempt_at', '<=', now),
  pendingInOrder(db, limit).where('d.attempts', '=', 0),
];

/**
 * Claims up to `limit` due deliveries for `leaseMs`: their next attempt moves past the lease, so no
 * other dispatcher takes them meanwhile, and a dispatcher that dies mid-send only delays them. On
 * PostgreSQL rows another dispatcher is claiming are skipped, not waited for.
 */
export const claimDue = (db: Kysely<Database>, dialect: Dialect, opts: { now: number; leaseMs: number; limit: number; leaseToken: string }) =>
  db.transaction().execute(async (trx) => {
    const due: Array<{ sid: string; next_attempt_at: number | null }> = [];
    for (const query of dueDeliveryQueries(trx, opts.now, opts.limit)) {
      due.push(...(await (dialect === 'postgres' ? query.forUpdate().skipLocked() : query).execute()));
    }
    // Soonest first, a delivery found by both queries once.
    due.sort((a, b) => (a.next_attempt_at ?? 0) - (b.next_attempt_at ?? 0));
    const sids = [...new Set(due.map((d) => d.sid))].slice(0, opts.limit);
    if (sids.length === 0) return [];
    return trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ lease_token: opts.leaseToken, next_attempt_at: opts.now + opts.leaseMs, attempts: eb('attempts', '+', 1), date_updated: opts.now }))
      .where('sid', 'in', sids)
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
  });

export interface AttemptOutcome {
  startedAt: number;
  responseStatus: number | null;
  error: string | null;
  latencyMs: number;
  contentType?: string | null;
  responseBody?: string | null;
  /** When to retry; null when delivered or given up. */
  nextAttemptAt: number | null;
}

/**
 * Logs an attempt and settles its delivery, only while this dispatcher still holds the claim: a
 * dispatcher whose lease ran out (and whose delivery another took over) changes nothing.
 */
export const recordAttempt = (db: Kysely<Database>, delivery: WebhookDelivery, outcome: AttemptOutcome, now: number) =>
  db.transaction().execute(async (trx) => {
    const delivered = outcome.responseStatus !== null && outcome.responseStatus >= 200 && outcome.responseStatus < 300;
    const settled = await trx
      .updateTable('webhook_deliveries')
      .set({
        status: delivered ? 'delivered' : outcome.nextAttemptAt === null ? 'failed' : 'pending',
        next_attempt_at: delivered ? null : outcome.nextAttemptAt,
        delivered_at: delivered ? now : null,
        lease_token: null,
        date_updated: now,
      })
      .where('sid', '=', delivery.sid)
      .where('lease_token', '=', delivery.lease_token)
      .executeTakeFirst();
    if (Number(settled.numUpdatedRows) === 0) return false;
    await trx
      .insertInto('webhook_attempts')
      .values({
        sid: timeOrderedSid('WA', now),
        delivery_sid: delivery.sid,
        number: delivery.attempts,
        started_at: outcome.startedAt,
        url: delivery.url,
        method: delivery.method,
        response_status: outcome.responseStatus,
        error: outcome.error,
        latency_ms: outcome.latencyMs,
        content_type: outcome.contentType ?? null,
        response_body: outcome.responseBody ?? null,
        next_attempt_at: delivered ? null : outcome.nextAttemptAt,
      })
      .execute();
    return true;
  });

export const findDelivery = (db: Kysely<Database>, sid: string): Promise<WebhookDelivery | undefined> =>
  db.selectFrom('webhook_deliveries').selectAll().where('sid', '=', sid).executeTakeFirst();

/** The newest deliveries of a Connect App, each with its attempts in order. */
export async function listAppDeliveries(db: Kysely<Database>, connectAppSid: string, limit = 100) {
  const deliveries = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('connect_app_sid', '=', connectAppSid)
    .orderBy('date_created', 'desc')
    .orderBy('sid', 'desc')
    .limit(limit)
    .execute();
  if (deliveries.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_sid', 'in', deliveries.map((d) => d.sid))
    .orderBy('number')
    .execute();
  return deliveries.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.delivery_sid === delivery.sid) }));
}

export interface SyncRequest {
  delivery: WebhookDelivery;
  event: Omit<WebhookEvent, 'sid' | 'account_sid' | 'connect_app_sid' | 'date_created'>;
  attempt: Omit<WebhookAttempt, 'sid' | 'delivery_sid' | 'number' | 'url' | 'method'>;
}

/**
 * Logs a request the simulation made and waited for (a TwiML fetch): an event, its delivery already
 * settled (the dispatcher never claims it) and the one attempt, so it is listed with the callbacks.
 */
export async function recordSyncRequest(db: Kysely<Database>, { delivery, event, attempt }: SyncRequest): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('webhook_events').values({ sid: delivery.event_sid, account_sid: delivery.account_sid, connect_app_sid: delivery.connect_app_sid, date_created: delivery.date_created, ...event }).execute();
    await trx.insertInto('webhook_deliveries').values(delivery).execute();
    await trx.insertInto('webhook_attempts').values({ sid: timeOrderedSid('WA', delivery.date_created), delivery_sid: delivery.sid, number: 1, url: delivery.url, method: delivery.method, ...attempt }).execute();
  });
}

/**
 * The requests made about one resource (a call's TwiML fetches and callbacks), oldest first,
 * keyset-paged, each with its last attempt: one event per logical request, as Twilio lists them.
 */
export async function listResourceRequests(db: Kysely<Database>, resourceSid: string, page: PageQuery): Promise<PageRows<{ delivery: WebhookDelivery; attempt: WebhookAttempt | undefined; date_created: number; sid: string }>> {
  const q = db.selectFrom('webhook_deliveries').selectAll().where('resource_sid', '=', resourceSid).where('attempts', '>', 0);
  const result = await keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
  const sids = result.rows.map((d) => d.sid);
  const attempts = sids.length === 0 ? [] : await db.selectFrom('webhook_attempts').selectAll().where('delivery_sid', 'in', sids).orderBy('number').execute();
  return { ...result, rows: result.rows.map((delivery) => ({ delivery, attempt: attempts.filter((a) => a.delivery_sid === delivery.sid).at(-1), date_created: delivery.date_created, sid: delivery.sid })) };
}
