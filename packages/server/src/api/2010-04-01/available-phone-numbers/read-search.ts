import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { parseContains, type NumberSearch } from '../../../telephony/number-search.ts';
import { booleanParam } from '../applications/read-settings.ts';
import { PAGING_PARAMS } from '../paging.ts';

/** Filters Switchboard applies to its inventory. */
const APPLIED = ['AreaCode', 'Contains', 'SmsEnabled', 'MmsEnabled', 'VoiceEnabled', 'FaxEnabled', 'InRegion', 'InPostalCode', 'InLocality', 'InLata', 'InRateCenter'];

/**
 * Valid Twilio filters that cannot narrow Switchboard's inventory: every number is Twilio-origin,
 * none is beta, none needs an address, and there is no geography to be near.
 */
const ACCEPTED = ['ExcludeAllAddressRequired', 'ExcludeLocalAddressRequired', 'ExcludeForeignAddressRequired', 'Beta', 'NearNumber', 'NearLatLong', 'Distance'];

export const SEARCH_PARAMS = [...APPLIED, ...ACCEPTED, ...PAGING_PARAMS];

/** Twilio's code for an AreaCode that is not a North American area code. */
export const INVALID_AREA_CODE = 21451;

/** A three-digit NANP area code (first digit 2–9), or a 21451 error. */
export function readAreaCode(params: Params): string | undefined {
  const value = one(params, 'AreaCode');
  if (value === undefined) return undefined;
  if (!/^[2-9]\d\d$/.test(value)) {
    throw TwilioError.validation(INVALID_AREA_CODE, `AreaCode '${value}' is not a valid North American area code: use three digits, the first 2 to 9.`);
  }
  return value;
}

const text = (params: Params, name: string): string | undefined => {
  const value = one(params, name);
  return value === undefined || value.trim() === '' ? undefined : value;
};

/** The search a query asks for; every accepted-but-ignored filter is still checked for type. */
export function readSearch(query: Params): NumberSearch {
  for (const name of ['ExcludeAllAddressRequired', 'ExcludeLocalAddressRequired', 'ExcludeForeignAddressRequired', 'Beta']) booleanParam(query, name);
  const distance = one(query, 'Distance');
  if (distance !== undefined && (!/^\d+$/.test(distance) || Number(distance) > 500)) {
    throw invalidParameter(`Distance must be a whole number of miles from 0 to 500; got '${distance}'.`);
  }
  const containsRaw = one(query, 'Contains');
  const contains = containsRaw === undefined ? undefined : parseContains(containsRaw);
  if (contains === null) {
    throw invalidParameter(
      `Contains '${containsRaw}' is not a valid pattern: use 2 to 16 digits or letters, '*' for any one digit, '%' for any digits at either end, a leading '+' or trailing '$' to anchor.`,
    );
  }
  return {
    areaCode: readAreaCode(query),
    contains,
    capabilities: {
      voice: booleanParam(query, 'VoiceEnabled'),
      sms: booleanParam(query, 'SmsEnabled'),
      mms: booleanParam(query, 'MmsEnabled'),
      fax: booleanParam(query, 'FaxEnabled'),
    },
    inRegion: text(query, 'InRegion'),
    inPostalCode: text(query, 'InPostalCode'),
    inLocality: text(query, 'InLocality'),
    inLata: text(query, 'InLata'),
    inRateCenter: text(query, 'InRateCenter'),
  };
}
