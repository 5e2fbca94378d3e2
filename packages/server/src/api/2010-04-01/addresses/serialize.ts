import type { Address } from '../../../storage/repositories/addresses.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

/** Switchboard checks an address's form only: it is never `validated` or `verified` against postal records. */
export const serializeAddress = (a: Address) => ({
  account_sid: a.account_sid,
  city: a.city,
  customer_name: a.customer_name,
  date_created: rfc2822(a.date_created),
  date_updated: rfc2822(a.date_updated),
  friendly_name: a.friendly_name,
  iso_country: a.iso_country,
  postal_code: a.postal_code,
  region: a.region,
  sid: a.sid,
  street: a.street,
  uri: `/2010-04-01/Accounts/${a.account_sid}/Addresses/${a.sid}.json`,
  emergency_enabled: a.emergency_enabled === 1,
  validated: false,
  verified: false,
  street_secondary: a.street_secondary,
});
