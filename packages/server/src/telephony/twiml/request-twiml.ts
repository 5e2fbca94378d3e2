import type { Kysely } from 'kysely';
import { findAccount } from '../../storage/repositories/accounts.ts';
import { recordSyncRequest, type WebhookDelivery } from '../../storage/repositories/webhook-deliveries.ts';
import type { Database } from '../../storage/schema.ts';
import type { WebhookEventsTable } from '../../storage/schema-webhooks.ts';
import { timeOrderedSid } from '../../util/sid.ts';
import { buildRequest } from '../../webhooks/build-request.ts';
import { InvalidRetryPolicy, parseOverrides, sendWithOverrides } from '../../webhooks/connection-overrides.ts';
import type { RequestResult } from '../../webhooks/send-request.ts';
import { signerOf } from '../callbacks/signer.ts';

export interface TwimlRequest {
  type: WebhookEventsTable['type'];
  accountSid: string;
  /** The call or message the request is about; the request is logged with it. */
  resourceSid: string;
  url: string;
  method: 'GET' | 'POST';
  params: Record<string, string>;
  at: number;
}

/** What the app answered: a document to run (or text, for text/plain), or Twilio's error code. */
export type TwimlAnswer =
  | { ok: true; kind: 'twiml' | 'text' | 'empty'; body: string }
  | { ok: false; code: number; message: string; result: RequestResult | null };

const TWIML_TYPES = ['text/xml', 'application/xml', 'text/html'];

/** Sorts an answer the way Twilio does: 2xx with a TwiML content type runs; anything else is an error code. */
export function classifyAnswer(result: RequestResult): TwimlAnswer {
  if (result.status === null) return { ok: false, code: 11205, message: `HTTP connection failure: ${result.error}`, result };
  if (result.status < 200 || result.status >= 300) return { ok: false, code: 11200, message: `HTTP retrieval failure: the app answered ${result.status}`, result };
  if (result.status === 204 || result.body.trim() === '') return { ok: true, kind: 'empty', body: '' };
  const type = result.contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
  if (TWIML_TYPES.includes(type)) return { ok: true, kind: 'twiml', body: result.body };
  if (type === 'text/plain') return { ok: true, kind: 'text', body: result.body };
  return { ok: false, code: 12300, message: `Invalid Content-Type: ${result.contentType ?? 'none'}`, result };
}

/**
 * Requests TwiML from the app and waits for it, as Twilio does: signed with the token the developer
 * holds, with the URL's connection overrides, and logged with the resource like every callback.
 */
export async function requestTwiml(db: Kysely<Database>, request: TwimlRequest): Promise<TwimlAnswer> {
  const signer = await signerOf(db, request.accountSid);
  const token = (await findAccount(db, signer.accountSid))?.auth_token;
  const delivery: WebhookDelivery = {
    sid: timeOrderedSid('DL', request.at), event_sid: timeOrderedSid('EV', request.at), account_sid: signer.accountSid, connect_app_sid: signer.connectAppSid,
    url: request.url, method: request.method, params: JSON.stringify(request.params), status: 'failed', attempts: 1,
    next_attempt_at: null, lease_token: null, replay_of: null, resource_sid: request.resourceSid, resource_seq: null,
    delivered_at: null, date_created: request.at, date_updated: request.at,
  };
  let result: RequestResult | null = null;
  let answer: TwimlAnswer;
  try {
    result = token ? await sendWithOverrides(buildRequest(delivery, token), parseOverrides(request.url)) : null;
    answer = result ? classifyAnswer(result) : { ok: false, code: 11200, message: 'the account that signs this request no longer exists', result };
  } catch (error) {
    if (!(error instanceof InvalidRetryPolicy)) throw error;
    answer = { ok: false, code: 11243, message: error.message, result: null };
  }
  if (answer.ok) Object.assign(delivery, { status: 'delivered', delivered_at: request.at });
  await recordSyncRequest(db, {
    delivery,
    event: { type: request.type, payload: JSON.stringify({ resource_sid: request.resourceSid, ...request.params }) },
    attempt: {
      started_at: request.at,
      response_status: result?.status ?? null,
      error: answer.ok ? null : `${answer.code}: ${answer.message}`,
      latency_ms: result?.latencyMs ?? 0,
      content_type: result?.contentType ?? null,
      response_body: result?.body ?? null,
      next_attempt_at: null,
    },
  });
  return answer;
}
