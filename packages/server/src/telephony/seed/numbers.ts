import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { newSid } from '../../util/sid.ts';

/** Area codes for the fictional 555-01xx numbers of seeded contacts and owned numbers. */
const AREA_CODES = ['212', '312', '415', '512', '617', '702', '206', '303', '404', '503', '602', '713', '808', '919', '305', '646'];

/** The other parties of seeded calls and messages: a recurring set, a few far busier than the rest. */
export function contactNumbers(random: () => number, count: number): string[] {
  const numbers = new Set<string>();
  while (numbers.size < count) {
    const area = AREA_CODES[Math.floor(random() * AREA_CODES.length)]!;
    numbers.add(`+1${area}55501${String(Math.floor(random() * 100)).padStart(2, '0')}`);
  }
  return [...numbers];
}

/** Zipf-like pick: contact i is chosen in proportion to 1/(i+1), so some numbers dominate the logs. */
export function pickContact(random: () => number, contacts: readonly string[]): string {
  const index = Math.floor(Math.pow(contacts.length + 1, random())) - 1;
  return contacts[Math.min(index, contacts.length - 1)]!;
}

/** Gives the account `count` local numbers nobody owns yet, and returns them (it keeps any it has). */
export async function ensureOwnedNumbers(db: Kysely<Database>, accountSid: string, count: number, now: number): Promise<string[]> {
  const owned = await db.selectFrom('incoming_phone_numbers').select('phone_number').where('account_sid', '=', accountSid).execute();
  const numbers = owned.map((n) => n.phone_number);
  for (const area of AREA_CODES) {
    for (let line = 99; line >= 0 && numbers.length < count; line--) {
      const phoneNumber = `+1${area}55501${String(line).padStart(2, '0')}`;
      const taken = await db.selectFrom('incoming_phone_numbers').select('sid').where('phone_number', '=', phoneNumber).executeTakeFirst();
      if (taken) continue;
      await db
        .insertInto('incoming_phone_numbers')
        .values({
          sid: newSid('PN'),
          account_sid: accountSid,
          phone_number: phoneNumber,
          friendly_name: `(${area}) 555-01${String(line).padStart(2, '0')}`,
          type: 'local',
          iso_country: 'US',
          capabilities: 'voice,sms,mms',
          config: '{}',
          date_created: now,
          date_updated: now,
        })
        .execute();
      numbers.push(phoneNumber);
    }
    if (numbers.length >= count) break;
  }
  return numbers.slice(0, count);
}
