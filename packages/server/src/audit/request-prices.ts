import type { Kysely } from 'kysely';
import { USAGE as NUMBER_USAGE } from '../api/2010-04-01/incoming-phone-numbers/purchase.ts';
import type { Database } from '../storage/schema.ts';
import { formatPrice, priceMicros } from '../telephony/usage-categories.ts';

/**
 * What the resources that requests created cost, as Twilio prices them (`-0.00790`): a message or
 * call once it is priced, a number at purchase. A price not known yet (a queued message) is absent.
 */
export async function pricesOf(db: Kysely<Database>, sids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = sids.filter((s): s is string => s !== null);
  const byPrefix = (...prefixes: string[]) => wanted.filter((s) => prefixes.includes(s.slice(0, 2)));
  const prices = new Map<string, string>();
  const [messages, calls, numbers] = [byPrefix('SM', 'MM'), byPrefix('CA'), byPrefix('PN')];
  if (messages.length > 0) {
    for (const m of await db.selectFrom('messages').select(['sid', 'price']).where('sid', 'in', messages).execute()) if (m.price !== null) prices.set(m.sid, m.price);
  }
  if (calls.length > 0) {
    for (const c of await db.selectFrom('calls').select(['sid', 'price']).where('sid', 'in', calls).execute()) if (c.price !== null) prices.set(c.sid, c.price);
  }
  if (numbers.length > 0) {
    for (const n of await db.selectFrom('incoming_phone_numbers').select(['sid', 'type']).where('sid', 'in', numbers).execute()) {
      prices.set(n.sid, formatPrice(priceMicros(NUMBER_USAGE[n.type], 1)));
    }
  }
  return prices;
}
