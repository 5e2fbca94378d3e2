import type { Kysely } from 'kysely';
import { ownedAmong } from '../../../storage/repositories/incoming-phone-numbers.ts';
import type { Database } from '../../../storage/schema.ts';
import type { InventoryNumber } from '../../../telephony/number-inventory.ts';

const CHUNK = 500;

/** The first `limit` candidates no account owns, in inventory order; asks the database a chunk at a time. */
export async function firstAvailable(db: Kysely<Database>, candidates: readonly InventoryNumber[], limit: number): Promise<InventoryNumber[]> {
  const found: InventoryNumber[] = [];
  for (let i = 0; i < candidates.length && found.length < limit; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    const owned = await ownedAmong(db, chunk.map((n) => n.phoneNumber));
    for (const n of chunk) {
      if (found.length === limit) break;
      if (!owned.has(n.phoneNumber)) found.push(n);
    }
  }
  return found;
}
