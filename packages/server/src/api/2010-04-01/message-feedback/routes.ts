import { notFound } from '../../../errors/twilio-error.ts';
import { findMessage } from '../../../storage/repositories/messages.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { ok, type ApiRoute } from '../route.ts';
import { enumValue } from '../validate.ts';

/**
 * Message Feedback: the app tells Twilio whether the recipient acted on a message (one-time codes).
 * Stored per message; a later report replaces the earlier one. Twilio uses it for delivery
 * analytics, which the simulation has none of.
 */
const feedback: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Messages/:MessageSid/Feedback',
  form: ['Outcome'],
  async handle({ deps, target, params, form, now, path }) {
    const outcome = enumValue(form, 'Outcome', ['confirmed', 'unconfirmed'] as const) ?? 'confirmed';
    if (!/^(SM|MM)[0-9a-f]{32}$/.test(params.MessageSid!)) throw notFound(path);
    const message = await findMessage(deps.db, target.sid, params.MessageSid!);
    if (!message) throw notFound(path);
    const row = { message_sid: message.sid, account_sid: target.sid, outcome, date_created: now, date_updated: now };
    const stored = await deps.db
      .insertInto('message_feedback')
      .values(row)
      .onConflict((oc) => oc.column('message_sid').doUpdateSet({ outcome, date_updated: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return ok({
      account_sid: stored.account_sid,
      message_sid: stored.message_sid,
      outcome: stored.outcome,
      date_created: rfc2822(Number(stored.date_created)),
      date_updated: rfc2822(Number(stored.date_updated)),
      uri: `/2010-04-01/Accounts/${stored.account_sid}/Messages/${stored.message_sid}/Feedback.json`,
    });
  },
};

export const messageFeedbackRoutes: ApiRoute[] = [feedback];
