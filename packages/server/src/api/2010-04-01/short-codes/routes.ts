import { notFound } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { ensureShortCode, findShortCode, listShortCodes, updateShortCode, type ShortCode } from '../../../storage/repositories/short-codes.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { handlerMethod, handlerUrl } from '../applications/read-settings.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { ok, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue, friendlyName } from '../validate.ts';

const LIST = '/Accounts/:AccountSid/SMS/ShortCodes';
const INSTANCE = `${LIST}/:Sid`;
const sids = { Sid: 'SC' };

/** Short codes are leased through Twilio's sales team, so none can be bought: every account is given one. */
const serializeShortCode = (s: ShortCode) => ({
  account_sid: s.account_sid,
  api_version: s.api_version,
  date_created: rfc2822(s.date_created),
  date_updated: rfc2822(s.date_updated),
  friendly_name: s.friendly_name,
  short_code: s.short_code,
  sid: s.sid,
  sms_fallback_method: s.sms_fallback_method,
  sms_fallback_url: s.sms_fallback_url,
  sms_method: s.sms_method,
  sms_url: s.sms_url,
  uri: `/2010-04-01/Accounts/${s.account_sid}/SMS/ShortCodes/${s.sid}.json`,
});

async function loadShortCode({ deps, params, target, path }: ApiContext): Promise<ShortCode> {
  await ensureShortCode(deps.db, target);
  const shortCode = await findShortCode(deps.db, target.sid, params.Sid!);
  if (!shortCode) throw notFound(path);
  return shortCode;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: ['FriendlyName', 'ShortCode', ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    await ensureShortCode(deps.db, target);
    const filters = { friendlyName: one(query, 'FriendlyName'), shortCode: one(query, 'ShortCode') };
    const echoed = (['FriendlyName', 'ShortCode'] as const).flatMap((name) => (one(query, name) === undefined ? [] : [[name, one(query, name)!] as const]));
    const result = await listShortCodes(deps.db, target.sid, filters, request);
    return ok(listEnvelope({ key: 'short_codes', path: `/Accounts/${target.sid}/SMS/ShortCodes`, filters: echoed, request, result, serialize: serializeShortCode, cursorOf: sidCursor }));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeShortCode(await loadShortCode(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['FriendlyName', 'ApiVersion', 'SmsUrl', 'SmsMethod', 'SmsFallbackUrl', 'SmsFallbackMethod'],
  async handle(ctx) {
    const { form } = ctx;
    const name = friendlyName(form, 'FriendlyName');
    const apiVersion = enumValue(form, 'ApiVersion', ['2010-04-01', '2008-08-01'] as const);
    const smsUrl = handlerUrl(form, 'SmsUrl');
    const smsFallbackUrl = handlerUrl(form, 'SmsFallbackUrl');
    const smsMethod = handlerMethod(form, 'SmsMethod');
    const smsFallbackMethod = handlerMethod(form, 'SmsFallbackMethod');
    const shortCode = await loadShortCode(ctx);
    const changes = {
      friendly_name: name || shortCode.friendly_name,
      api_version: apiVersion ?? shortCode.api_version,
      sms_url: smsUrl === undefined ? shortCode.sms_url : smsUrl,
      sms_method: smsMethod ?? shortCode.sms_method,
      sms_fallback_url: smsFallbackUrl === undefined ? shortCode.sms_fallback_url : smsFallbackUrl,
      sms_fallback_method: smsFallbackMethod ?? shortCode.sms_fallback_method,
      date_updated: ctx.now,
    };
    await updateShortCode(ctx.deps.db, shortCode.sid, changes);
    return ok(serializeShortCode({ ...shortCode, ...changes }));
  },
};

export const shortCodeRoutes: ApiRoute[] = [list, fetch, update];
