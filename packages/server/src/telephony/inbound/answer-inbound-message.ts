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
  if (answer.kind === 'text') return { actions: [{ kind: 'message' as const, to: null, from: null, body: answer.body.trim(), mediaUrls: [], statusCallback: null, action: null }] };
  try {
    return { actions: messagingActions(parseTwiml(answer.body), url) };
  } catch (error) {
    if (error instanceof TwimlError) return { failure: { code: error.code, message: error.message } };
    throw error;
  }
}

/** Where a messaging flow starts: the request for its first document, and the fallback asked once on error. */
export interface MessagingFlow {
  accountSid: string;
  /** The message the requests are about (logged with it). */
  resourceSid: string;
  params: Record<string, string>;
  first: { url: string; method: 'GET' | 'POST' };
  fallback: { url: string; method: 'GET' | 'POST' } | null;
}

/**
 * Follows a messaging flow and collects its `<Message>` replies, through `<Redirect>`s, up to a
 * `<Message action>` (whose answer continues the flow once that reply is sent). A failed request or
 * unusable answer is a Notification, then the fallback URL is asked once.
 */
export async function followMessagingTwiml(db: Kysely<Database>, flow: MessagingFlow, now: number): Promise<ReplyMessage[]> {
  let target = flow.first;
  let fellBack = false;
  const replies: ReplyMessage[] = [];
  for (let documents = 0; documents < MAX_DOCUMENTS; documents++) {
    const request: TwimlRequest = { type: 'message.inbound', accountSid: flow.accountSid, resourceSid: flow.resourceSid, url: target.url, method: target.method, params: flow.params, at: now };
    const answer = await requestTwiml(db, request);
    const read = readAnswer(answer, target.url);
    if (read.failure) {
      await notifyError(db, request, read.failure, answer, null);
      if (fellBack || !flow.fallback) return replies;
      fellBack = true;
      target = flow.fallback;
      continue;
    }
    for (const action of read.actions) if (action.kind === 'message') replies.push(action);
    const redirect = read.actions.find((a) => a.kind === 'redirect');
    if (!redirect || redirect.kind !== 'redirect') return replies;
    target = { url: redirect.url, method: redirect.method };
  }
  return replies;
}

/** Asks the number's app what to do with an inbound message (its SmsUrl, or its SMS Application's). */
async function collectReplies(db: Kysely<Database>, message: Message, now: number): Promise<ReplyMessage[]> {
  const number = await findNumberByValue(db, message.account_sid, message.to);
  const handler = number && (await smsHandler(db, number));
  if (!handler) return [];
  const media = await db.selectFrom('message_media').selectAll().where('message_sid', '=', message.sid).orderBy('date_created').orderBy('sid').execute();
  return followMessagingTwiml(db, {
    accountSid: message.account_sid, resourceSid: message.sid, params: inboundMessageParams(message, media),
    first: { url: handler.url, method: handler.method },
    fallback: handler.fallbackUrl ? { url: handler.fallbackUrl, method: handler.fallbackMethod } : null,
  }, now);
}

/**
 * Stores replies as outbound messages from the number to the texter (unless `<Message to/from>`
 * say otherwise), each with its own lifecycle and status callbacks, and its action to request once sent.
 */
export async function storeReplies(trx: Kysely<Database>, seed: number, replies: ReplyMessage[], between: { accountSid: string; texter: string; number: string }, now: number): Promise<void> {
  for (const reply of replies.filter((r) => r.body !== '' || r.mediaUrls.length > 0)) {
    const input = { accountSid: between.accountSid, to: reply.to ?? between.texter, from: reply.from ?? between.number, body: reply.body, mediaUrls: reply.mediaUrls, direction: 'outbound-reply' as const, statusCallback: reply.statusCallback };
    const { message: row, media } = newOutboundMessage(seed, input, now);
    await trx.insertInto('messages').values(row).execute();
    if (media.length > 0) await trx.insertInto('message_media').values(media).execute();
    if (reply.action) await trx.insertInto('message_actions').values({ message_sid: row.sid, ...reply.action, due_at: null }).execute();
  }
}

/**
 * The simulation's step for an inbound message: claim it, ask the app (outside any transaction: the
 * app may take seconds), then store its replies.
 */
export async function answerInboundMessage(db: Kysely<Database>, seed: number, message: Message, now: number): Promise<void> {
  const claim = await db.updateTable('messages').set({ next_event_at: now + ANSWER_LEASE_MS }).where('sid', '=', message.sid).where('next_event_at', '=', message.next_event_at).executeTakeFirst();
  if (Number(claim.numUpdatedRows) === 0) return;
  const replies = await collectReplies(db, message, now);
  await db.transaction().execute(async (trx) => {
    await storeReplies(trx, seed, replies, { accountSid: message.account_sid, texter: message.from ?? '', number: message.to }, now);
    await trx.updateTable('messages').set({ next_event_at: null, date_updated: now }).where('sid', '=', message.sid).execute();
  });
}
