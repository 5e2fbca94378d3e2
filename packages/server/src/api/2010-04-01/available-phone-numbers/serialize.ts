import type { Country, InventoryNumber, NumberType } from '../../../telephony/number-inventory.ts';

/** Path segment of each number type, and its key in a country's `subresource_uris`. */
export const TYPE_SEGMENTS: Record<NumberType, { segment: string; key: string }> = {
  local: { segment: 'Local', key: 'local' },
  tollfree: { segment: 'TollFree', key: 'toll_free' },
  mobile: { segment: 'Mobile', key: 'mobile' },
};

export const countryUri = (accountSid: string, countryCode: string): string =>
  `/2010-04-01/Accounts/${accountSid}/AvailablePhoneNumbers/${countryCode}`;

export const serializeCountry = (accountSid: string, country: Country) => ({
  country_code: country.code,
  country: country.name,
  uri: `${countryUri(accountSid, country.code)}.json`,
  beta: false,
  subresource_uris: Object.fromEntries(
    country.types.map((type) => [TYPE_SEGMENTS[type].key, `${countryUri(accountSid, country.code)}/${TYPE_SEGMENTS[type].segment}.json`]),
  ),
});

/** The spec types latitude and longitude as numbers; no number Switchboard sells needs an address. */
export const serializeAvailableNumber = (n: InventoryNumber) => ({
  friendly_name: n.friendlyName,
  phone_number: n.phoneNumber,
  lata: n.lata,
  locality: n.locality,
  rate_center: n.rateCenter,
  latitude: n.latitude,
  longitude: n.longitude,
  region: n.region,
  postal_code: n.postalCode,
  iso_country: n.isoCountry,
  address_requirements: 'none',
  beta: false,
  capabilities: { ...n.capabilities },
});
