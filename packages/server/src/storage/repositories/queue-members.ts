import { sql, type Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { QueueMembersTable } from '../schema-rooms.ts';

export type QueueMember = QueueMembersTable;

/** How many calls wait in each queue now, and the sum of their enqueue instants (for the average wait). */
export interface QueueLoad {
  size: number;
  enqueuedSum: number;
}

export async function queueLoads(db: Kysely<Database>, queueSids: readonly string[]): Promise<Map<string, QueueLoad>> {
  const loads = new Map<string, QueueLoad>();
  if (queueSids.length === 0) return loads;
  const rows = await db
    .selectFrom('queue_members')
    .select(['queue_sid', sql<string>`count(*)`.as('size'), sql<string>`sum(date_enqueued)`.as('enqueued_sum')])
    .where('queue_sid', 'in', queueSids)
    .where('result', 'is', null)
    .groupBy('queue_sid')
    .execute();
  for (const row of rows) loads.set(row.queue_sid, { size: Number(row.size), enqueuedSum: Number(row.enqueued_sum) });
  return loads;
}

export const findMember = (db: Kysely<Database>, queueSid: string, callSid: string): Promise<QueueMember | undefined> =>
  db.selectFrom('queue_members').selectAll().where('call_sid', '=', callSid).where('queue_sid', '=', queueSid).executeTakeFirst();

export const findMemberOfCall = (db: Kysely<Database>, callSid: string): Promise<QueueMember | undefined> =>
  db.selectFrom('queue_members').selectAll().where('call_sid', '=', callSid).executeTakeFirst();

/** The call that has waited longest: the next one `<Dial><Queue>` or `Members/Front` takes. */
export const frontMember = (db: Kysely<Database>, queueSid: string): Promise<QueueMember | undefined> =>
  db.selectFrom('queue_members').selectAll().where('queue_sid', '=', queueSid).where('result', 'is', null).orderBy('date_enqueued').orderBy('call_sid').limit(1).executeTakeFirst();

/** A waiting member's place in line, from 1. */
export async function positionOf(db: Kysely<Database>, member: QueueMember): Promise<number> {
  const ahead = await db
    .selectFrom('queue_members')
    .select(sql<string>`count(*)`.as('n'))
    .where('queue_sid', '=', member.queue_sid)
    .where('result', 'is', null)
    .where((eb) => eb.or([eb('date_enqueued', '<', member.date_enqueued), eb.and([eb('date_enqueued', '=', member.date_enqueued), eb('call_sid', '<', member.call_sid)])]))
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

export const listMembers = (db: Kysely<Database>, queueSid: string, page: PageQuery): Promise<PageRows<QueueMember>> =>
  keysetPage(db.selectFrom('queue_members').selectAll().where('queue_sid', '=', queueSid).where('result', 'is', null), { created: 'date_enqueued', key: 'call_sid', order: 'asc' }, page);

/** Takes a waiting member out of line, once: false when it had already left. */
export async function dequeueMember(db: Kysely<Database>, callSid: string, changes: Pick<QueueMember, 'result' | 'left_at' | 'resume_at' | 'redirect_url' | 'redirect_method'>): Promise<boolean> {
  const moved = await db.updateTable('queue_members').set(changes).where('call_sid', '=', callSid).where('result', 'is', null).executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}
