import type { Call } from '../../storage/repositories/calls.ts';
import type { TwimlElement } from '../twiml/parse.ts';
import { joinConference } from '../rooms/join-conference.ts';
import type { VoiceContext } from './advance-conversation.ts';
import type { Conversation } from './conversation.ts';
import { fetchDocument } from './fetch-document.ts';
import { readConference } from './steps/conference.ts';

/** The longest a call stays in a conference or queue: Twilio's four-hour call limit. */
export const ROOM_LIMIT_MS = 14_400_000;

/**
 * `<Dial><Conference>`: the call joins the room and stays there. While the conference waits for
 * someone who starts it, the `waitUrl` is fetched once and its Say/Play/Pause stand for what loops.
 */
export async function enterConference(ctx: VoiceContext, call: Call, c: Conversation, dial: TwimlElement, noun: TwimlElement): Promise<void> {
  const settings = readConference(dial, noun, c.documentUrl);
  const log = (verb: string, detail: string) => c.steps.push({ at: c.cursor, verb, detail });
  if (settings.name === '') {
    log('Error', '12200: <Conference> needs the name of a room; skipped');
    return;
  }
  const joined = await joinConference(ctx.db, call, settings, c.cursor);
  if (!joined.ok) {
    log('Conference', joined.reason);
    if (settings.action) Object.assign(c, { fetch: { ...settings.action, params: { DialCallStatus: 'failed' } }, verbs: [] });
    return;
  }
  log('Conference', `joined ${settings.name}${settings.muted ? ' muted' : ''}${settings.beep ? ' (beep)' : ''}${joined.waiting ? ', waiting for it to start' : ''}`);
  if (joined.waiting && settings.waitUrl) {
    const wait = await fetchDocument(ctx, call, { ...settings.waitUrl, params: { ConferenceSid: joined.conference.sid, FriendlyName: settings.name } }, c.cursor);
    if (wait.ok) for (const verb of wait.verbs) log(`Wait ${verb.name}`, verb.text);
  }
  c.room = { kind: 'conference', sid: joined.conference.sid, action: settings.action, until: c.cursor + ROOM_LIMIT_MS };
}
