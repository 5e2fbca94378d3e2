import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { findCallSession, insertCallSession, updateCallSession, type CallSession } from '../../../storage/repositories/call-sessions.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { newSid } from '../../../util/sid.ts';
import { handlerUrl } from '../applications/read-settings.ts';
import { accepted, created, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';
import { loadLiveCall, loadPathCall } from './live-call.ts';

/**
 * `<Pay>` driven by the API: a payment session on a live call, then captures and its completion or
 * cancellation. No card is ever charged and no payment connector is called; the session's state is stored.
 */
const CAPTURES = ['payment-card-number', 'expiration-date', 'security-code', 'postal-code', 'bank-routing-number', 'bank-account-number', 'payment-card-number-matcher', 'expiration-date-matcher', 'security-code-matcher', 'postal-code-matcher'] as const;
const FINISHED: Record<string, string> = { complete: 'completed', cancel: 'canceled' };
const CREATE_FORM = ['IdempotencyKey', 'StatusCallback', 'BankAccountType', 'ChargeAmount', 'Currency', 'Description', 'Input', 'MinPostalCodeLength', 'Parameter', 'PaymentConnector', 'PaymentMethod', 'PostalCode', 'SecurityCode', 'Timeout', 'TokenType', 'ValidCardTypes', 'RequireMatchingInputs', 'Confirmation'];

function readRequired(form: Params): { idempotencyKey: string; statusCallback: string } {
  const idempotencyKey = one(form, 'IdempotencyKey');
  if (!idempotencyKey) throw invalidParameter('IdempotencyKey is required: a unique string per payment request, so a retry is not applied twice.');
  const statusCallback = handlerUrl(form, 'StatusCallback');
  if (!statusCallback) throw invalidParameter('StatusCallback is required: the absolute URL that hears about the payment.');
  return { idempotencyKey, statusCallback };
}

const serialize = (s: CallSession) => ({
  account_sid: s.account_sid,
  call_sid: s.call_sid,
  sid: s.sid,
  date_created: rfc2822(s.date_created),
  date_updated: rfc2822(s.date_updated),
  uri: `/2010-04-01/Accounts/${s.account_sid}/Calls/${s.call_sid}/Payments/${s.sid}.json`,
});

const create: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/Payments',
  sids: { CallSid: 'CA' },
  form: CREATE_FORM,
  async handle(ctx) {
    const { idempotencyKey, statusCallback } = readRequired(ctx.form);
    const settings = {
      idempotency_key: idempotencyKey,
      status_callback: statusCallback,
      payment_method: enumValue(ctx.form, 'PaymentMethod', ['credit-card', 'ach-debit'] as const) ?? 'credit-card',
      token_type: enumValue(ctx.form, 'TokenType', ['one-time', 'reusable', 'payment-method'] as const) ?? 'reusable',
      charge_amount: one(ctx.form, 'ChargeAmount') ?? null,
      currency: one(ctx.form, 'Currency') ?? 'usd',
      captures: [] as string[],
    };
    const call = await loadLiveCall(ctx);
    const session: CallSession = {
      sid: newSid('PK'), account_sid: call.account_sid, call_sid: call.sid, kind: 'payment', name: null, status: 'in-progress',
      settings: JSON.stringify(settings), date_created: ctx.now, date_updated: ctx.now,
    };
    await insertCallSession(ctx.deps.db, session);
    return created(serialize(session));
  },
};

/** A capture asks the caller for one more piece; a Status completes or cancels the session. */
const update: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/Payments/:Sid',
  sids: { CallSid: 'CA', Sid: 'PK' },
  form: ['IdempotencyKey', 'StatusCallback', 'Capture', 'Status'],
  async handle(ctx) {
    readRequired(ctx.form);
    const capture = enumValue(ctx.form, 'Capture', CAPTURES);
    const status = enumValue(ctx.form, 'Status', ['complete', 'cancel'] as const);
    if (!capture && !status) throw invalidParameter('Give Capture (what to ask the caller for next) or Status (complete or cancel).');
    const call = await loadPathCall(ctx);
    const session = await findCallSession(ctx.deps.db, call.sid, 'payment', ctx.params.Sid!);
    if (!session) throw notFound(ctx.path);
    if (session.status !== 'in-progress') throw invalidParameter(`Payment ${session.sid} is already ${FINISHED[session.status] ?? session.status}; start a new one.`);
    const settings = JSON.parse(session.settings) as { captures: string[] };
    if (capture) settings.captures.push(capture);
    const changes = { status: status ?? session.status, settings: JSON.stringify(settings), date_updated: ctx.now };
    await updateCallSession(ctx.deps.db, session.sid, changes);
    return accepted(serialize({ ...session, ...changes }));
  },
};

export const paymentRoutes: ApiRoute[] = [create, update];
