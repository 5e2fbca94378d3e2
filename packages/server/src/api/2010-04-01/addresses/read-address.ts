import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { Address } from '../../../storage/repositories/addresses.ts';
import { booleanParam } from '../applications/read-settings.ts';
import { friendlyName, text } from '../validate.ts';

export const ADDRESS_FIELDS = ['CustomerName', 'Street', 'StreetSecondary', 'City', 'Region', 'PostalCode'] as const;
const COLUMNS = { CustomerName: 'customer_name', Street: 'street', StreetSecondary: 'street_secondary', City: 'city', Region: 'region', PostalCode: 'postal_code' } as const;

type AddressChanges = Partial<Omit<Address, 'sid' | 'account_sid' | 'date_created' | 'date_updated'>>;

/**
 * The parts of an address a form gives. On create every part but StreetSecondary is required and
 * none may be blank; on update a given part may not be blanked either (StreetSecondary may).
 */
export function readAddress(form: Params, creating: boolean): AddressChanges {
  const changes: AddressChanges = {};
  for (const field of ADDRESS_FIELDS) {
    const value = text(form, field, 255)?.trim();
    const optional = field === 'StreetSecondary';
    if ((value === undefined && creating && !optional) || (value === '' && !optional)) {
      throw invalidParameter(`${field} is required and cannot be blank.`);
    }
    if (value !== undefined) (changes as Record<string, string | null>)[COLUMNS[field]] = value === '' ? null : value;
  }
  const country = one(form, 'IsoCountry');
  if (creating) {
    if (country === undefined || !/^[A-Za-z]{2}$/.test(country)) throw invalidParameter(`IsoCountry must be an ISO 3166-1 alpha-2 country code such as US; got '${country ?? ''}'.`);
    changes.iso_country = country.toUpperCase();
  }
  const name = friendlyName(form, 'FriendlyName');
  if (name !== undefined) changes.friendly_name = name || null;
  const emergency = booleanParam(form, 'EmergencyEnabled');
  if (emergency !== undefined) changes.emergency_enabled = emergency ? 1 : 0;
  booleanParam(form, 'AutoCorrectAddress');
  return changes;
}
