import type { TwimlElement } from './parse.ts';
import { TwimlError } from './parse.ts';

export interface ReplyMessage {
  kind: 'message';
  to: string | null;
  from: string | null;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
  /** `<Message action>`: requested once this reply is sent; the flow goes on with its answer. */
  action: { url: string; method: 'GET' | 'POST' } | null;
}

export interface Redirect {
  kind: 'redirect';
  url: string;
  method: 'GET' | 'POST';
}

export type MessagingAction = ReplyMessage | Redirect;

const methodOf = (element: TwimlElement): 'GET' | 'POST' => (element.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST');

/** A relative URL resolves against the document it came in, as a browser (and Twilio) does. */
export const resolveUrl = (url: string, base: string): string => new URL(url, base).toString();

/**
 * What a messaging `<Response>` asks for, in order: each `<Message>` (its text, or `<Body>` and
 * `<Media>`) is a reply; a `<Redirect>`, or a `<Message action>`, ends this document. Unknown verbs are
 * Twilio's 12100 for messaging documents.
 */
export function messagingActions(doc: TwimlElement, documentUrl: string): MessagingAction[] {
  const actions: MessagingAction[] = [];
  for (const verb of doc.children) {
    if (verb.name === 'Message') {
      const bodies = verb.children.filter((c) => c.name === 'Body').map((c) => c.text);
      actions.push({
        kind: 'message',
        to: verb.attributes.to ?? null,
        from: verb.attributes.from ?? null,
        body: [verb.text, ...bodies].filter((t) => t !== '').join('\n'),
        mediaUrls: verb.children.filter((c) => c.name === 'Media' && c.text !== '').map((c) => resolveUrl(c.text, documentUrl)),
        statusCallback: verb.attributes.statusCallback ? resolveUrl(verb.attributes.statusCallback, documentUrl) : null,
        action: verb.attributes.action ? { url: resolveUrl(verb.attributes.action, documentUrl), method: methodOf(verb) } : null,
      });
      // What follows a <Message action> is unreachable: the action's answer continues the flow.
      if (verb.attributes.action) break;
    } else if (verb.name === 'Redirect') {
      actions.push({ kind: 'redirect', url: resolveUrl(verb.text || documentUrl, documentUrl), method: methodOf(verb) });
      break;
    } else {
      throw new TwimlError(12100, `Document parse failure: <${verb.name}> is not a messaging verb (use <Message> or <Redirect>)`);
    }
  }
  return actions;
}
