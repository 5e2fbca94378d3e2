import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { deleteCallSession, findCallSession, insertCallSession } from '../../../storage/repositories/call-sessions.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { newSid } from '../../../util/sid.ts';
import { handlerMethod, handlerUrl } from '../applications/read-settings.ts';
import { created, deleted, type ApiRoute } from '../route.ts';
import { loadLiveCall, loadPathCall } from './live-call.ts';

/**
 * User-defined messages between the app and a Voice SDK client on the call. The simulation has no
 * SDK client: a message is accepted (and its content checked to be JSON) and goes nowhere; a
 * subscription is stored and deleted, and never called, since no client sends anything.
 */
const sendMessage: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/UserDefinedMessages',
  sids: { CallSid: 'CA' },
  form: ['Content', 'IdempotencyKey'],
  async handle(ctx) {
    const content = one(ctx.form, 'Content');
    try {
      if (content === undefined) throw new Error('missing');
      JSON.parse(content);
    } catch {
      throw invalidParameter('Content is required and must be a JSON string, e.g. {"key":"value"}.');
    }
    const call = await loadLiveCall(ctx);
    return created({ account_sid: call.account_sid, call_sid: call.sid, sid: newSid('KX'), date_created: rfc2822(ctx.now) });
  },
};

const subscriptionUri = (accountSid: string, callSid: string, sid: string) => `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}/UserDefinedMessageSubscriptions/${sid}.json`;

const subscribe: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/UserDefinedMessageSubscriptions',
  sids: { CallSid: 'CA' },
  form: ['Callback', 'IdempotencyKey', 'Method'],
  async handle(ctx) {
    const callback = handlerUrl(ctx.form, 'Callback');
    if (!callback) throw invalidParameter('Callback is required: the absolute URL that receives the messages.');
    const method = handlerMethod(ctx.form, 'Method') ?? 'POST';
    const call = await loadLiveCall(ctx);
    const sid = newSid('ZY');
    await insertCallSession(ctx.deps.db, {
      sid, account_sid: call.account_sid, call_sid: call.sid, kind: 'user-defined-message-subscription', name: null, status: 'active',
      settings: JSON.stringify({ callback, method, idempotency_key: one(ctx.form, 'IdempotencyKey') ?? null }), date_created: ctx.now, date_updated: ctx.now,
    });
    return created({ account_sid: call.account_sid, call_sid: call.sid, sid, date_created: rfc2822(ctx.now), uri: subscriptionUri(call.account_sid, call.sid, sid) });
  },
};

const unsubscribe: ApiRoute = {
  method: 'DELETE',
  path: '/Accounts/:AccountSid/Calls/:CallSid/UserDefinedMessageSubscriptions/:Sid',
  sids: { CallSid: 'CA', Sid: 'ZY' },
  async handle(ctx) {
    const call = await loadPathCall(ctx);
    const subscription = await findCallSession(ctx.deps.db, call.sid, 'user-defined-message-subscription', ctx.params.Sid!);
    if (!subscription) throw notFound(ctx.path);
    await deleteCallSession(ctx.deps.db, subscription.sid);
    return deleted();
  },
};

export const userDefinedMessageRoutes: ApiRoute[] = [sendMessage, subscribe, unsubscribe];
