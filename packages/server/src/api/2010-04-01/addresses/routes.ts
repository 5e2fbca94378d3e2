import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { deleteAddress, findAddress, insertAddress, listAddresses, updateAddress, type Address } from '../../../storage/repositories/addresses.ts';
import { listIncomingNumbers } from '../../../storage/repositories/incoming-phone-numbers.ts';
import { newSid } from '../../../util/sid.ts';
import { booleanParam } from '../applications/read-settings.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { dependentNumbersRoute } from './dependent-numbers.ts';
import { ADDRESS_FIELDS, readAddress } from './read-address.ts';
import { serializeAddress } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Addresses';
const INSTANCE = `${LIST}/:Sid`;
const sids = { Sid: 'AD' };
const FORM = [...ADDRESS_FIELDS, 'FriendlyName', 'EmergencyEnabled', 'AutoCorrectAddress'];
const FILTERS = ['CustomerName', 'FriendlyName', 'EmergencyEnabled', 'IsoCountry'] as const;
/** Twilio's "Address is in use" refusal when numbers still name the address. */
const ADDRESS_IN_USE = 21625;

async function loadAddress({ deps, params, target, path }: ApiContext): Promise<Address> {
  const address = await findAddress(deps.db, target.sid, params.Sid!);
  if (!address) throw notFound(path);
  return address;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: [...FILTERS, ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const filters = {
      customerName: one(query, 'CustomerName'),
      friendlyName: one(query, 'FriendlyName'),
      emergencyEnabled: booleanParam(query, 'EmergencyEnabled'),
      isoCountry: one(query, 'IsoCountry')?.toUpperCase(),
    };
    const echoed = FILTERS.flatMap((name) => (one(query, name) === undefined ? [] : [[name, one(query, name)!] as const]));
    const result = await listAddresses(deps.db, target.sid, filters, request);
    return ok(listEnvelope({ key: 'addresses', path: `/Accounts/${target.sid}/Addresses`, filters: echoed, request, result, serialize: serializeAddress, cursorOf: sidCursor }));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: [...FORM, 'IsoCountry'],
  async handle({ deps, target, form, now }) {
    const parts = readAddress(form, true);
    const address: Address = {
      sid: newSid('AD'),
      account_sid: target.sid,
      friendly_name: parts.friendly_name ?? null,
      customer_name: parts.customer_name!,
      street: parts.street!,
      street_secondary: parts.street_secondary ?? null,
      city: parts.city!,
      region: parts.region!,
      postal_code: parts.postal_code!,
      iso_country: parts.iso_country!,
      emergency_enabled: parts.emergency_enabled ?? 0,
      date_created: now,
      date_updated: now,
    };
    await insertAddress(deps.db, address);
    return created(serializeAddress(address));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeAddress(await loadAddress(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: FORM,
  async handle(ctx) {
    const changes = { ...readAddress(ctx.form, false), date_updated: ctx.now };
    const address = await loadAddress(ctx);
    await updateAddress(ctx.deps.db, address.sid, changes);
    return ok(serializeAddress({ ...address, ...changes }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    const address = await loadAddress(ctx);
    const dependents = await listIncomingNumbers(ctx.deps.db, address.account_sid, { addressSid: address.sid }, { pageSize: 1, cursor: null });
    if (dependents.rows.length > 0) {
      throw TwilioError.validation(ADDRESS_IN_USE, `Address ${address.sid} is used by phone number ${dependents.rows[0]!.phone_number}; give that number another AddressSid before deleting it.`);
    }
    await deleteAddress(ctx.deps.db, address.sid);
    return deleted();
  },
};

export const addressRoutes: ApiRoute[] = [list, create, fetch, update, remove, dependentNumbersRoute];
