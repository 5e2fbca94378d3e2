import type { TwimlElement } from '../../twiml/parse.ts';
import type { PendingFetch } from '../conversation.ts';

/** A URL resolved against the document it came in; null when absent or unresolvable (relative in inline TwiML). */
export function absoluteUrl(url: string | undefined, documentUrl: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url, documentUrl ?? undefined).toString();
  } catch {
    return null;
  }
}

export const methodOf = (verb: TwimlElement): 'GET' | 'POST' => (verb.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST');

/**
 * A verb's `action` as a request, resolved against the document it came in. Without one, Gather and
 * Record post back to the document itself (`defaultsToDocument`); inline TwiML has no document.
 */
export function actionOf(verb: TwimlElement, documentUrl: string | null, params: Record<string, string>, defaultsToDocument: boolean): PendingFetch | null {
  const action = verb.attributes.action;
  if (action) {
    try {
      return { url: new URL(action, documentUrl ?? undefined).toString(), method: methodOf(verb), params };
    } catch {
      return null;
    }
  }
  return defaultsToDocument && documentUrl ? { url: documentUrl, method: methodOf(verb), params } : null;
}
