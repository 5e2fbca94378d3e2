import type { Kysely } from 'kysely';
import { insertEvent, nextResourceSeq } from '../../storage/repositories/webhook-deliveries.ts';
import type { Database } from '../../storage/schema.ts';
import type { WebhookEventsTable } from '../../storage/schema-webhooks.ts';
import { signerOf } from './signer.ts';

export interface Callback {
  type: WebhookEventsTable['type'];
  /** The account the resource belongs to. */
  accountSid: string;
  resourceSid: string;
  url: string;
  method: 'GET' | 'POST';
  /** The parameters, given the callback's place in the resource's order (Twilio's SequenceNumber). */
  params: (sequence: number) => Record<string, string>;
  at: number;
}

/**
 * Writes a status callback to the outbox, in the transaction of the change it reports, after every
 * earlier callback of the same resource: the dispatcher sends them in that order.
 */
export async function enqueueCallback(db: Kysely<Database>, callback: Callback): Promise<void> {
  const signer = await signerOf(db, callback.accountSid);
  const seq = await nextResourceSeq(db, callback.resourceSid);
  const params = callback.params(seq);
  await insertEvent(
    db,
    { type: callback.type, account_sid: signer.accountSid, connect_app_sid: signer.connectAppSid, payload: JSON.stringify({ resource_sid: callback.resourceSid, ...params }), date_created: callback.at },
    { url: callback.url, method: callback.method, params, resource: { sid: callback.resourceSid, seq } },
  );
}
