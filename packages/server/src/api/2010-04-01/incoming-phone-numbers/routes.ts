import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import {
  DEFAULT_NUMBER_SETTINGS,
  deleteIncomingNumber,
  findIncomingNumber,
  listIncomingNumbers,
  updateIncomingNumber,
  type IncomingNumberFilters,
  type IncomingPhoneNumber,
} from '../../../storage/repositories/incoming-phone-numbers.ts';
import type { NumberType } from '../../../telephony/number-inventory.ts';
import { formatNational } from '../../../telephony/phone-number.ts';
import { booleanParam } from '../applications/read-settings.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue, friendlyName } from '../validate.ts';
import { readDestination } from './move.ts';
import { purchaseNumber, readPurchaseRequest } from './purchase.ts';
import {
  APPLICATION_NOT_ACCESSIBLE,
  applyNumberSettings,
  checkApplications,
  INVALID_APPLICATION_SID,
  NUMBER_SETTING_PARAMS,
  readNumberSettings,
} from './read-settings.ts';
import { serializeIncomingNumber } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/IncomingPhoneNumbers';
const INSTANCE = `${LIST}/:Sid`;

/** The generic list (any type) and the typed lists, whose schemas carry no `type` field. */
const LISTS: Array<[string, NumberType | undefined]> = [['', undefined], ['/Local', 'local'], ['/Mobile', 'mobile'], ['/TollFree', 'tollfree']];

async function loadNumber({ deps, params, target, path }: ApiContext): Promise<IncomingPhoneNumber> {
  const number = await findIncomingNumber(deps.db, target.sid, params.Sid!);
  if (!number) throw notFound(path);
  return number;
}

/** `PhoneNumber` may be partial, with `*` for any one digit: a LIKE pattern over the stored E.164 value. */
const phoneNumberLike = (value: string): string => {
  const pattern = value.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9*]+$/.test(pattern)) {
    throw invalidParameter(`PhoneNumber '${value}' is not a phone number pattern: use digits, an optional leading '+', and '*' for any one digit.`);
  }
  return `%${pattern.replace(/\*/g, '_')}%`;
};

function readFilters(query: Params, type: NumberType | undefined): { filters: IncomingNumberFilters; hostedOnly: boolean } {
  booleanParam(query, 'Beta'); // No number is beta, so Beta includes or excludes nothing.
  const origin = enumValue(query, 'Origin', ['twilio', 'hosted'] as const);
  const phoneNumber = one(query, 'PhoneNumber');
  return {
    filters: { type, friendlyName: one(query, 'FriendlyName'), phoneNumberLike: phoneNumber === undefined ? undefined : phoneNumberLike(phoneNumber) },
    hostedOnly: origin === 'hosted',
  };
}

const list = ([suffix, type]: [string, NumberType | undefined]): ApiRoute => ({
  method: 'GET',
  path: LIST + suffix,
  query: ['Beta', 'FriendlyName', 'PhoneNumber', 'Origin', ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const { filters, hostedOnly } = readFilters(query, type);
    // Every number Switchboard sells is Twilio's own: none is hosted.
    const result = hostedOnly ? { rows: [], hasNext: false, hasPrevious: false } : await listIncomingNumbers(deps.db, target.sid, filters, request);
    const echoed = ['Beta', 'FriendlyName', 'PhoneNumber', 'Origin'].flatMap((name) => {
      const value = one(query, name);
      return value === undefined ? [] : [[name, value] as const];
    });
    return ok(
      listEnvelope({
        key: 'incoming_phone_numbers',
        path: `/Accounts/${target.sid}/IncomingPhoneNumbers${suffix}`,
        filters: echoed,
        request,
        result,
        serialize: (n) => serializeIncomingNumber(n, { withType: type === undefined }),
        cursorOf: sidCursor,
      }),
    );
  },
});

const create = ([suffix, type]: [string, NumberType | undefined]): ApiRoute => ({
  method: 'POST',
  path: LIST + suffix,
  form: ['PhoneNumber', 'AreaCode', 'FriendlyName', ...NUMBER_SETTING_PARAMS],
  async handle({ deps, target, form, now }) {
    const request = readPurchaseRequest(form, type);
    const name = friendlyName(form, 'FriendlyName');
    const settings = readNumberSettings(form);
    await checkApplications(deps.db, target.sid, settings, APPLICATION_NOT_ACCESSIBLE);
    const number = await purchaseNumber(deps.db, request, type, {
      account: target,
      friendlyName: name,
      settings: applyNumberSettings(DEFAULT_NUMBER_SETTINGS, settings),
      now,
    });
    return created(serializeIncomingNumber(number, { withType: type === undefined }));
  },
});

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  sids: { Sid: 'PN' },
  async handle(ctx) {
    return ok(serializeIncomingNumber(await loadNumber(ctx), { withType: true }));
  },
};

/** Settings, name and, with `AccountSid`, the owner; an empty FriendlyName restores the formatted number. */
const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids: { Sid: 'PN' },
  form: ['AccountSid', 'FriendlyName', ...NUMBER_SETTING_PARAMS],
  async handle(ctx) {
    const number = await loadNumber(ctx);
    const settings = readNumberSettings(ctx.form);
    const name = friendlyName(ctx.form, 'FriendlyName');
    const destination = await readDestination(ctx, number);
    const owner = destination?.sid ?? number.account_sid;
    await checkApplications(ctx.deps.db, owner, settings, INVALID_APPLICATION_SID);
    const changed: IncomingPhoneNumber = {
      ...number,
      account_sid: owner,
      friendly_name: name === undefined ? number.friendly_name : name || formatNational(number.phone_number),
      config: applyNumberSettings(number.config, settings),
      date_updated: ctx.now,
    };
    await updateIncomingNumber(ctx.deps.db, number.sid, { account_sid: owner, friendly_name: changed.friendly_name, config: changed.config }, ctx.now);
    return ok(serializeIncomingNumber(changed, { withType: true }));
  },
};

/** Releasing a number makes it available to every account again. */
const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids: { Sid: 'PN' },
  async handle(ctx) {
    const number = await loadNumber(ctx);
    await deleteIncomingNumber(ctx.deps.db, number.sid);
    return deleted();
  },
};

// The typed lists come before the instance path, so `Local` is never taken for a SID.
export const incomingPhoneNumberRoutes: ApiRoute[] = [...LISTS.flatMap((entry) => [list(entry), create(entry)]), fetch, update, remove];
