import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import { findApplication } from '../../storage/repositories/applications.ts';
import type { Database } from '../../storage/schema.ts';
import { newConversation, type Conversation } from './conversation.ts';

/** Calls with something to run: a Url, inline Twiml or an Application. */
export const runsTwiml = (call: Pick<Call, 'url' | 'twiml' | 'application_sid'>): boolean => call.url !== null || call.twiml !== null || call.application_sid !== null;

const method = (m: string | null | undefined): 'GET' | 'POST' => (m?.toUpperCase() === 'GET' ? 'GET' : 'POST');

/**
 * The conversation of an outbound call answered at `at`: its Application's VoiceUrl when it names one
 * (its own Url and Method are then ignored, as in Twilio), else its Url; inline Twiml only without a Url.
 */
export async function outboundConversation(db: Kysely<Database>, call: Call, at: number): Promise<Conversation> {
  if (call.application_sid) {
    const app = await findApplication(db, call.account_sid, call.application_sid);
    const fallback = app?.config.voice_fallback_url ? { url: app.config.voice_fallback_url, method: app.config.voice_fallback_method } : null;
    if (app?.config.voice_url) return newConversation(at, { url: app.config.voice_url, method: app.config.voice_method, params: {} }, fallback);
    return newConversation(at, { twiml: '<Response/>' }, null);
  }
  const fallback = call.fallback_url ? { url: call.fallback_url, method: method(call.fallback_method) } : null;
  if (call.url) return newConversation(at, { url: call.url, method: method(call.method), params: {} }, fallback);
  return newConversation(at, { twiml: call.twiml ?? '<Response/>' }, fallback);
}
