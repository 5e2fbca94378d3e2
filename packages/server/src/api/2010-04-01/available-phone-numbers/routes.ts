import { notFound } from '../../../errors/twilio-error.ts';
import type { Params } from '../../../http/params.ts';
import { COUNTRIES, findCountry, inventoryOf, type NumberType } from '../../../telephony/number-inventory.ts';
import { matchesSearch } from '../../../telephony/number-search.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { ok, type ApiRoute } from '../route.ts';
import { firstAvailable } from './find-available.ts';
import { readSearch, SEARCH_PARAMS } from './read-search.ts';
import { countryUri, serializeAvailableNumber, serializeCountry } from './serialize.ts';

/** Every number type in Twilio's spec; Switchboard's countries offer only some (null: none). */
const TYPES: Array<[string, NumberType | null]> = [
  ['Local', 'local'],
  ['Mobile', 'mobile'],
  ['TollFree', 'tollfree'],
  ['National', null],
  ['Voip', null],
  ['SharedCost', null],
  ['MachineToMachine', null],
];

const PAGING = new Set<string>(PAGING_PARAMS);

/** Filters as received, echoed in the page URIs. */
const echoedFilters = (query: Params): Array<[string, string]> =>
  [...query].filter(([name]) => !PAGING.has(name)).map(([name, values]) => [name, values[0] ?? '']);

const listCountries: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/AvailablePhoneNumbers',
  query: PAGING_PARAMS,
  async handle({ target, query }) {
    readPageRequest(query);
    // Twilio's country list is one page: the countries and the list's own URI, nothing else.
    return ok({
      countries: COUNTRIES.map((country) => serializeCountry(target.sid, country)),
      uri: `/2010-04-01/Accounts/${target.sid}/AvailablePhoneNumbers.json`,
    });
  },
};

const fetchCountry: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/AvailablePhoneNumbers/:CountryCode',
  async handle({ target, params, path }) {
    const country = findCountry(params.CountryCode!);
    if (!country) throw notFound(path);
    return ok(serializeCountry(target.sid, country));
  },
};

/** Search results are a sample, as Twilio's are: one page of at most PageSize numbers, never a next page. */
const listNumbers = ([segment, type]: [string, NumberType | null]): ApiRoute => ({
  method: 'GET',
  path: `/Accounts/:AccountSid/AvailablePhoneNumbers/:CountryCode/${segment}`,
  query: SEARCH_PARAMS,
  async handle({ deps, target, params, query, path }) {
    const country = findCountry(params.CountryCode!);
    if (!country || type === null || !country.types.includes(type)) throw notFound(path);
    const request = readPageRequest(query);
    const search = readSearch(query);
    const candidates = inventoryOf(country.code, type).filter((n) => matchesSearch(n, search));
    // The sample is the first page; later pages of it are empty rather than the first page relabelled.
    const rows = request.page > 0 ? [] : await firstAvailable(deps.db, candidates, request.pageSize);
    return ok(
      listEnvelope({
        key: 'available_phone_numbers',
        path: `${countryUri(target.sid, country.code).slice('/2010-04-01'.length)}/${segment}`,
        filters: echoedFilters(query),
        request,
        result: { rows, hasNext: false, hasPrevious: false },
        serialize: serializeAvailableNumber,
        cursorOf: () => ({ created: 0, key: '' }),
      }),
    );
  },
});

export const availablePhoneNumberRoutes: ApiRoute[] = [listCountries, fetchCountry, ...TYPES.map(listNumbers)];
