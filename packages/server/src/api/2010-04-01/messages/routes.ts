import { invalidParameter, notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { commitRowsGrouped } from '../../../storage/group-commit.ts';
import { findMessage, listMessageItems, type Message } from '../../../storage/repositories/messages.ts';
import { emitMessageCallbacks } from '../../../telephony/callbacks/emit-message-callbacks.ts';
import { FINAL_MESSAGE_STATUSES } from '../../../telephony/message-lifecycle.ts';
import { newOutboundMessage } from '../../../telephony/new-message.ts';
import { isDerived, nextSeenChangeAt, observedMessage } from '../../../telephony/observed-message.ts';
import { settleMessage } from '../../../telephony/settle-message.ts';
import { checkCanSend } from '../../../telephony/spending-rules.ts';
import { hasUsageTriggers } from '../../../telephony/usage-watch.ts';
import { readDateRange } from '../date-filters.ts';
import { PAGE_ITEMS } from '../page-items.ts';
import { listEnvelopeJson, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, okJson, type ApiContext, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { readNewMessage } from './read-create.ts';
import { serializeMessage } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Messages';
const INSTANCE = '/Accounts/:AccountSid/Messages/:Sid';

const CREATE_PARAMS = [
  'To', 'StatusCallback', 'ApplicationSid', 'MaxPrice', 'ProvideFeedback', 'Attempt', 'ValidityPeriod', 'ForceDelivery', 'ContentRetention',
  'AddressRetention', 'SmartEncoded', 'PersistentAction', 'TrafficType', 'ShortenUrls', 'ScheduleType', 'SendAt', 'SendAsMms',
  'ContentVariables', 'RiskCheck', 'From', 'FallbackFrom', 'MessagingServiceSid', 'Body', 'MediaUrl', 'ContentSid',
];

/** The message as stored (an unobserved one as it was created: see observedMessage). */
async function loadMessage({ deps, params, target, path }: ApiContext): Promise<Message> {
  // Twilio's message SIDs start SM, or MM for MMS sent before 2017.
  const message = /^(SM|MM)[0-9a-fA-F]{32}$/.test(params.Sid!) ? await findMessage(deps.db, target.sid, params.Sid!) : undefined;
  if (!message) throw notFound(path);
  return message;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  cacheable: true,
  query: ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>', ...PAGING_PARAMS],
  async handle({ deps, target, query, now }) {
    const request = readPageRequest(query);
    const sent = readDateRange(query, 'DateSent');
    const filters = { to: one(query, 'To'), from: one(query, 'From'), dateSent: sent.range };
    const echoed: Array<readonly [string, string]> = [];
    if (filters.to !== undefined) echoed.push(['To', filters.to]);
    if (filters.from !== undefined) echoed.push(['From', filters.from]);
    const { result, items, seenChangeAt } = await listMessageItems(deps.db, target.sid, filters, request, now, PAGE_ITEMS.messages);
    const envelope = { key: 'messages', path: `/Accounts/${target.sid}/Messages`, filters: [...echoed, ...sent.echoed], request, result, cursorOf: sidCursor };
    return okJson(listEnvelopeJson(envelope, items), seenChangeAt);
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: CREATE_PARAMS,
  async handle({ deps, target, form, now }) {
    const request = await readNewMessage(deps.db, target.sid, form, now);
    await checkCanSend(deps.db, target, 'message', request.to);
    const usageWatched = await hasUsageTriggers(deps.db, target.sid);
    const { message, media } = newOutboundMessage(
      deps.config.simulationSeed,
      { accountSid: target.sid, to: request.to, from: request.from, body: request.body, mediaUrls: request.mediaUrls, direction: 'outbound-api', statusCallback: request.statusCallback, sendAt: request.sendAt, usageWatched },
      now,
    );
    await commitRowsGrouped(deps.db, [['messages', [message]], ['message_media', media]]);
    return created(serializeMessage(observedMessage(message, now)));
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  cacheable: true,
  async handle(ctx) {
    const message = await loadMessage(ctx);
    return ok(serializeMessage(observedMessage(message, ctx.now)), nextSeenChangeAt([message], ctx.now));
  },
};

/** `Body=""` redacts a finished message; `Status=canceled` cancels a scheduled one. */
const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  form: ['Body', 'Status'],
  async handle(ctx) {
    const { deps, form, now } = ctx;
    const body = one(form, 'Body');
    const status = enumValue(form, 'Status', ['canceled'] as const);
    if (body === undefined && status === undefined) throw invalidParameter('Send Body="" to redact the message, or Status=canceled to cancel a scheduled one.');
    if (body !== undefined && body !== '') throw invalidParameter('Body can only be set to the empty string, which redacts the message.');
    const message = observedMessage(await loadMessage(ctx), now);
    const changes: Partial<Message> = { date_updated: now };
    if (status === 'canceled') {
      if (message.status !== 'scheduled') throw TwilioError.validation(30409, `Message ${message.sid} is ${message.status}; only scheduled messages can be canceled.`);
      Object.assign(changes, { status: 'canceled', outcome: 'canceled', next_event_at: null });
    }
    if (body === '') {
      if (!FINAL_MESSAGE_STATUSES.has(changes.status ?? message.status)) {
        throw invalidParameter(`Message ${message.sid} is ${message.status}; a message can be redacted once it is delivered, undelivered, failed or canceled.`);
      }
      changes.body = '';
    }
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('messages').set(changes).where('sid', '=', message.sid).execute();
      await emitMessageCallbacks(trx, message, { ...message, ...changes }, now);
    });
    return ok(serializeMessage({ ...message, ...changes }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  async handle(ctx) {
    const stored = await loadMessage(ctx);
    const message = observedMessage(stored, ctx.now);
    if (!FINAL_MESSAGE_STATUSES.has(message.status) && message.status !== 'scheduled') {
      throw invalidParameter(`Message ${message.sid} is ${message.status}; it can be deleted once it has been delivered or has failed.`);
    }
    await ctx.deps.db.transaction().execute(async (trx) => {
      // Settled before it goes: its usage is billed as it would have been.
      if (isDerived(stored)) await settleMessage(trx, stored, ctx.now);
      await trx.deleteFrom('message_media').where('message_sid', '=', message.sid).execute();
      await trx.deleteFrom('message_actions').where('message_sid', '=', message.sid).execute();
      await trx.deleteFrom('messages').where('sid', '=', message.sid).execute();
    });
    return deleted();
  },
};

export const messageRoutes: ApiRoute[] = [list, create, fetch, update, remove];

