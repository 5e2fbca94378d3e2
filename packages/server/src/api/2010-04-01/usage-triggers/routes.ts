import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import {
  deleteUsageTrigger,
  findUsageTrigger,
  insertUsageTrigger,
  listUsageTriggers,
  updateUsageTrigger,
  type UsageTrigger,
} from '../../../storage/repositories/usage-triggers.ts';
import { measure, periodOf } from '../../../telephony/usage-triggers/trigger-value.ts';
import { observeMessagesFrom } from '../../../telephony/usage-watch.ts';
import { newSid } from '../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';
import { readCallbackMethod, readCallbackUrl, readRecurring, readTriggerBy, readTriggerValue, readUsageCategory } from './read-trigger.ts';
import { serializeUsageTrigger } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Usage/Triggers';
const INSTANCE = `${LIST}/:Sid`;
const sids = { Sid: 'UT' };

async function loadTrigger({ deps, params, target, path }: ApiContext): Promise<UsageTrigger> {
  const trigger = await findUsageTrigger(deps.db, target.sid, params.Sid!);
  if (!trigger) throw notFound(path);
  return trigger;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: ['Recurring', 'TriggerBy', 'UsageCategory', ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const filters = { recurring: readRecurring(query), triggerBy: readTriggerBy(query), usageCategory: readUsageCategory(query, 'UsageCategory') };
    const echoed = (['Recurring', 'TriggerBy', 'UsageCategory'] as const)
      .map((name) => [name, query.get(name)?.[0]] as const)
      .filter((pair): pair is [typeof pair[0], string] => pair[1] !== undefined);
    const result = await listUsageTriggers(deps.db, target.sid, filters, request);
    return ok(listEnvelope({ key: 'usage_triggers', path: `/Accounts/${target.sid}/Usage/Triggers`, filters: echoed, request, result, serialize: serializeUsageTrigger, cursorOf: sidCursor }));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: ['CallbackUrl', 'TriggerValue', 'UsageCategory', 'CallbackMethod', 'FriendlyName', 'Recurring', 'TriggerBy'],
  async handle({ deps, target, form, now }) {
    const callbackUrl = readCallbackUrl(form, true)!;
    const usageCategory = readUsageCategory(form, 'UsageCategory');
    if (usageCategory === undefined) throw invalidParameter('UsageCategory is required: the usage category to watch, e.g. sms or calls.');
    const triggerValue = readTriggerValue(form);
    const trigger: UsageTrigger = {
      sid: newSid('UT'),
      account_sid: target.sid,
      friendly_name: friendlyName(form, 'FriendlyName') || null,
      callback_url: callbackUrl,
      callback_method: readCallbackMethod(form) ?? 'POST',
      trigger_value: '',
      usage_category: usageCategory,
      recurring: readRecurring(form) ?? 'alltime',
      trigger_by: readTriggerBy(form) ?? 'usage',
      current_value: '0',
      date_fired: null,
      date_created: now,
      date_updated: now,
    };
    await observeMessagesFrom(deps.db, target.sid, now);
    const current = await measure(deps.db, trigger, periodOf(trigger.recurring, now));
    const absolute = triggerValue.offset ? current.value + triggerValue.value : triggerValue.value;
    const stored = { ...trigger, current_value: current.text, trigger_value: String(Number(absolute.toFixed(6))) };
    await insertUsageTrigger(deps.db, stored);
    return created(serializeUsageTrigger(stored));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeUsageTrigger(await loadTrigger(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['CallbackMethod', 'CallbackUrl', 'FriendlyName'],
  async handle(ctx) {
    const callbackUrl = readCallbackUrl(ctx.form, false);
    const callbackMethod = readCallbackMethod(ctx.form);
    const name = friendlyName(ctx.form, 'FriendlyName');
    const trigger = await loadTrigger(ctx);
    const changes = {
      callback_url: callbackUrl ?? trigger.callback_url,
      callback_method: callbackMethod ?? trigger.callback_method,
      friendly_name: name === undefined ? trigger.friendly_name : name || null,
      date_updated: ctx.now,
    };
    await updateUsageTrigger(ctx.deps.db, trigger.sid, changes);
    return ok(serializeUsageTrigger({ ...trigger, ...changes }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await deleteUsageTrigger(ctx.deps.db, (await loadTrigger(ctx)).sid);
    return deleted();
  },
};

export const usageTriggerRoutes: ApiRoute[] = [list, create, fetch, update, remove];
