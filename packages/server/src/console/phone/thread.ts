import type { Kysely } from 'kysely';
import { listResourceRequests } from '../../storage/repositories/webhook-deliveries.ts';
import type { Database } from '../../storage/schema.ts';
import { formatTime } from '../format.ts';

/** One line of what the phone shows: a message or TwiML step, or a request made to the app. */
export interface ThreadLine {
  at: string;
  who: 'you' | 'app' | 'request';
  text: string;
  href: string | null;
}

/** What the phone polls for: the conversation beside the requests made to the app. */
export interface Thread {
  status: string;
  href: string;
  conversation: ThreadLine[];
  requests: ThreadLine[];
}

const ALL = { pageSize: 1000, cursor: null };
/** The parameters worth a glance in the list; the resource's own page shows them all. */
const SHOWN_PARAMS = ['CallStatus', 'MessageStatus', 'Digits', 'SpeechResult', 'DialCallStatus', 'RecordingStatus', 'TranscriptionStatus', 'Body'];

/** Every request made to the app about these resources, oldest first, as `POST url (CallStatus=…) → 200`. */
export async function requestLines(db: Kysely<Database>, resourceSids: string[]): Promise<ThreadLine[]> {
  const rows = (await Promise.all(resourceSids.map(async (sid) => (await listResourceRequests(db, sid, ALL)).rows))).flat();
  rows.sort((a, b) => a.date_created - b.date_created || a.sid.localeCompare(b.sid));
  return rows.map(({ delivery, attempt }) => {
    const params = JSON.parse(delivery.params) as Record<string, string>;
    const shown = SHOWN_PARAMS.filter((name) => params[name] !== undefined).map((name) => `${name}=${params[name]}`);
    const answer = attempt?.response_status ?? attempt?.error ?? 'no answer yet';
    return {
      at: formatTime(delivery.date_created),
      who: 'request',
      text: `${delivery.method} ${delivery.url}${shown.length > 0 ? ` (${shown.join(', ')})` : ''} → ${answer}`,
      href: null,
    };
  });
}
