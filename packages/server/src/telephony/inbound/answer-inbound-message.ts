import type { Kysely } from 'kysely';
import type { Message } from '../../storage/repositories/messages.ts';
import type { Database } from '../../storage/schema.ts';
import { newOutboundMessage } from '../new-message.ts';
import { messagingActions, type ReplyMessage } from '../twiml/messaging-steps.ts';
import { notifyError } from '../twiml/notify.ts';
import { parseTwiml, TwimlError } from '../twiml/parse.ts';
import { requestTwiml, type TwimlRequest } from '../twiml/request-twiml.ts';
import { inboundMessageParams } from './inbound-message-params.ts';
import { findNumberByValue, smsHandler } from './number-handler.ts';

/** Redirects followed before giving up (Twilio's limit on one conversation's documents). */
const MAX_DOCUMENTS = 10;
/** An inbound message is held this long while its app is asked (longer than the slowest answer). */
export const ANSWER_LEASE_MS = 10 * 25_000;

/** Reads one answer into replies and maybe a redirect, or the error it is. */
function readAnswer(answer: Awaited<ReturnType<typeof requestTwiml>>, url: string) {
  if (!answer.ok) return { failure: answer };
  if (answer.kind === 'empty') return { actions: [] };
  if (answer.kind === 'text') return { actions: [{ kind: 'message' as const, to: null, from: null, body: answer.body.trim(), mediaUrls: [], statusCallback: null }] };
  try {
    return { actions: messagingActions(parseTwiml(answer.body), url) };
  } catch (error) {
    if (error instanceof TwimlError) return { failure: { code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * Asks the number's app what to do with an inbound message and collects its `<Message>` replies,
 * following `<Redirect>`s. A failed request or unusable answer is a Notification, then the fallback
 * URL is asked once.
 */
export async function collectReplies(db: Kysely<Database>, message: Message, now: number): Promise<ReplyMessage[]> {
  const number = await findNumberByValue(db, message.account_sid, message.to);
  const handler = number && (await smsHandler(db, number));
  if (!handler) return [];
  const media = await db.selectFrom('message_media').selectAll().where('message_sid', '=', message.sid).orderBy('date_created').orderBy('sid').execute();
  const params = inboundMessageParams(message, media);
  let target = { url: handler.url, method: handler.method };
  let fellBack = false;
  const replies: ReplyMessage[] = [];
  for (let documents = 0; documents < MAX_DOCUMENTS; documents++) {
    const request: TwimlRequest = { type: 'message.inbound', accountSid: message.account_sid, resourceSid: message.sid, url: target.url, method: target.method, params, at: now };
    const answer = await requestTwiml(db, request);
    const read = readAnswer(answer, target.url);
    if (read.failure) {
      await notifyError(db, request, read.failure, answer, null);
      if (fellBack || !handler.fallbackUrl) return replies;
      fellBack = true;
      target = { url: handler.fallbackUrl, method: handler.fallbackMethod };
      continue;
    }
    for (const action of read.actions) if (action.kind === 'message') replies.push(action);
    const redirect = read.actions.find((a) => a.kind === 'redirect');
    if (!redirect || redirect.kind !== 'redirect') return replies;
    target = { url: redirect.url, method: redirect.method };
  }
  return replies;
}

/**
 * The simulation's step for an inbound message: claim it, ask the app (outside any transaction: the
 * app may take seconds), then store the replies as outbound messages from the number, each with its
 * own lifecycle and status callbacks.
 */
export async function answerInboundMessage(db: Kysely<Database>, seed: number, message: Message, now: number): Promise<void> {
  const claim = await db.updateTable('messages').set({ next_event_at: now + ANSWER_LEASE_MS }).where('sid', '=', message.sid).where('next_event_at', '=', message.next_event_at).executeTakeFirst();
  if (Number(claim.numUpdatedRows) === 0) return;
  const replies = (await collectReplies(db, message, now)).filter((r) => r.body !== '' || r.mediaUrls.length > 0);
  await db.transaction().execute(async (trx) => {
    for (const reply of replies) {
      const input = { accountSid: message.account_sid, to: reply.to ?? message.from ?? '', from: reply.from ?? message.to, body: reply.body, mediaUrls: reply.mediaUrls, direction: 'outbound-reply' as const, statusCallback: reply.statusCallback };
      const { message: row, media } = newOutboundMessage(seed, input, now);
      await trx.insertInto('messages').values(row).execute();
      if (media.length > 0) await trx.insertInto('message_media').values(media).execute();
    }
    await trx.updateTable('messages').set({ next_event_at: null, date_updated: now }).where('sid', '=', message.sid).execute();
  });
}
