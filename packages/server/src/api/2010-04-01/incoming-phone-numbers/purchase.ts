import type { Kysely } from 'kysely';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import {
  formatCapabilities,
  insertIncomingNumber,
  ownedAmong,
  type IncomingPhoneNumber,
  type NumberSettings,
} from '../../../storage/repositories/incoming-phone-numbers.ts';
import type { Database } from '../../../storage/schema.ts';
import { findInventoryNumber, inventoryInAreaCode, type InventoryNumber, type NumberType } from '../../../telephony/number-inventory.ts';
import { EMPTY_AREA_CODE } from '../../../telephony/number-search.ts';
import { isE164 } from '../../../telephony/phone-number.ts';
import { recordUsage } from '../../../telephony/record-usage.ts';
import { checkCanBuyNumber } from '../../../telephony/spending-rules.ts';
import type { Account } from '../../../storage/repositories/accounts.ts';
import { priceMicros, type UsageCategory } from '../../../telephony/usage-categories.ts';
import { newSid } from '../../../util/sid.ts';
import { firstAvailable } from '../available-phone-numbers/find-available.ts';
import { readAreaCode } from '../available-phone-numbers/read-search.ts';

export const USAGE: Record<NumberType, UsageCategory> = { local: 'phonenumbers-local', mobile: 'phonenumbers-mobile', tollfree: 'phonenumbers-tollfree' };

/** Twilio answers a purchase naming neither number nor area code with HTTP 400 and code 400. */
const NOTHING_ASKED = 400;

export type PurchaseRequest = { phoneNumber: string } | { areaCode: string };

const invalidNumber = (raw: string) =>
  TwilioError.validation(21421, `PhoneNumber '${raw}' is invalid: give an E.164 number such as +14155550100.`);
const notAvailable = (phoneNumber: string) =>
  TwilioError.validation(21422, `PhoneNumber ${phoneNumber} is not available. Find one that is with AvailablePhoneNumbers.`);
const noneInAreaCode = (areaCode: string) =>
  TwilioError.validation(21452, `No phone numbers found in area code ${areaCode}. Search AvailablePhoneNumbers for another.`);

/**
 * What the buyer asks for: a `PhoneNumber` (spaces, dashes, dots and brackets tolerated) or, on the
 * generic list only, an `AreaCode`; the Local/Mobile/TollFree lists refuse AreaCode (21457).
 */
export function readPurchaseRequest(form: Params, type: NumberType | undefined): PurchaseRequest {
  const raw = one(form, 'PhoneNumber');
  if (type && one(form, 'AreaCode') !== undefined) {
    throw TwilioError.validation(21457, 'AreaCode is not supported when buying from Local, Mobile or TollFree: search AvailablePhoneNumbers and buy by PhoneNumber.');
  }
  if (raw !== undefined && raw !== '') {
    const phoneNumber = raw.replace(/[\s().-]/g, '');
    if (!isE164(phoneNumber)) throw invalidNumber(raw);
    return { phoneNumber };
  }
  const areaCode = readAreaCode(form);
  if (areaCode !== undefined) return { areaCode };
  throw TwilioError.validation(NOTHING_ASKED, type ? 'PhoneNumber is required.' : 'You must provide an AreaCode or a PhoneNumber.');
}

const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

export interface NewNumber {
  /** The buyer; its top-level account pays, and its type limits how many numbers it may own. */
  account: Account;
  friendlyName: string | undefined;
  settings: NumberSettings;
  now: number;
}

/** The number and its usage commit together; a number someone else just bought is a unique violation, not a sale. */
async function insertPurchase(db: Kysely<Database>, entry: InventoryNumber, input: NewNumber): Promise<IncomingPhoneNumber | null> {
  const row: IncomingPhoneNumber = {
    sid: newSid('PN'),
    account_sid: input.account.sid,
    phone_number: entry.phoneNumber,
    friendly_name: input.friendlyName || entry.friendlyName,
    type: entry.type,
    iso_country: entry.isoCountry,
    capabilities: formatCapabilities(entry.capabilities),
    config: input.settings,
    date_created: input.now,
    date_updated: input.now,
  };
  await checkCanBuyNumber(db, input.account, priceMicros(USAGE[entry.type], 1));
  try {
    await db.transaction().execute(async (trx) => {
      await insertIncomingNumber(trx, row);
      await recordUsage(trx, { accountSid: input.account.sid, category: USAGE[entry.type], count: 1, usage: 1, at: input.now });
    });
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Buys the number asked for (of `type`, when the endpoint names one) for the account; writes its usage. */
export async function purchaseNumber(db: Kysely<Database>, request: PurchaseRequest, type: NumberType | undefined, input: NewNumber): Promise<IncomingPhoneNumber> {
  if ('phoneNumber' in request) {
    const entry = findInventoryNumber(request.phoneNumber);
    if (!entry || (type && entry.type !== type)) throw notAvailable(request.phoneNumber);
    if ((await ownedAmong(db, [entry.phoneNumber])).size > 0) throw notAvailable(request.phoneNumber);
    const bought = await insertPurchase(db, entry, input);
    if (!bought) throw notAvailable(request.phoneNumber);
    return bought;
  }
  if (request.areaCode === EMPTY_AREA_CODE) throw noneInAreaCode(request.areaCode);
  const pool = inventoryInAreaCode(request.areaCode);
  // Each lost race means another buyer took a number, so this ends when the area code runs out.
  for (;;) {
    const candidates = await firstAvailable(db, pool, 5);
    if (candidates.length === 0) throw noneInAreaCode(request.areaCode);
    for (const entry of candidates) {
      const bought = await insertPurchase(db, entry, input);
      if (bought) return bought;
    }
  }
}
