import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';

/**
 * Which accounts a simulation pass moves: one clock's family (a top-level account and its
 * subaccounts), or every account on the server's clock, i.e. outside the families that have one.
 */
export type SimulationScope = { kind: 'family'; owner: string } | { kind: 'server-clock'; clockOwners: readonly string[] };

type Simulated = 'calls' | 'messages';

const familySids = (db: Kysely<Database>, owners: readonly string[]) =>
  db.selectFrom('accounts').select('sid').where((eb) => eb.or([eb('sid', 'in', owners), eb('parent_sid', 'in', owners)]));

function scoped<T extends Simulated>(db: Kysely<Database>, table: T, scope: SimulationScope) {
  const query = db.selectFrom(table as Simulated);
  if (scope.kind === 'family') return query.where('account_sid', 'in', familySids(db, [scope.owner]));
  // With no clocks set (the usual case) the server's pass reads rows as if clocks did not exist.
  return scope.clockOwners.length === 0 ? query : query.where('account_sid', 'not in', familySids(db, scope.clockOwners));
}

/** The query for the rows of `table` in `scope` whose next event is due by `now`, earliest first (claimed by claim-due.ts). */
export const dueCalls = (db: Kysely<Database>, scope: SimulationScope, now: number, limit: number) =>
  scoped(db, 'calls', scope).selectAll('calls').where('next_event_at', '<=', now).orderBy('next_event_at').limit(limit);

export const dueMessages = (db: Kysely<Database>, scope: SimulationScope, now: number, limit: number) =>
  scoped(db, 'messages', scope).selectAll('messages').where('next_event_at', '<=', now).orderBy('next_event_at').limit(limit);

/**
 * The SIDs of unobserved messages (observed-message.ts) in `scope` due by `now`, earliest first, on
 * accounts no usage trigger watches (settle-unobserved.ts; claimed by claim-due.ts).
 */
export const dueUnobservedMessages = (db: Kysely<Database>, scope: SimulationScope, now: number, limit: number) =>
  scoped(db, 'messages', scope).select('messages.sid').where('unobserved', '=', 1).where('next_event_at', '<=', now)
    .where('account_sid', 'not in', db.selectFrom('usage_triggers').select('usage_triggers.account_sid'))
    .orderBy('next_event_at').limit(limit);

/** When the scope's next call or message event falls due, if one does by `until`. */
export async function nextEventAt(db: Kysely<Database>, scope: SimulationScope, until: number): Promise<number | null> {
  const earliest = async (table: Simulated) => {
    const row = await scoped(db, table, scope)
      .select((eb) => eb.fn.min('next_event_at').as('at'))
      .where('next_event_at', '<=', until)
      .executeTakeFirst();
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  };
  const times = [await earliest('calls'), await earliest('messages')].filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}
