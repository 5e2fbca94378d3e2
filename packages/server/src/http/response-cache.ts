import type { IncomingMessage } from 'node:http';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { newRequestNote, recordActivity } from '../audit/record-request.ts';
import type { ConnectPrincipal } from '../principal/principal.ts';

/** A JSON answer kept whole, with what its request must still do when it is served again. */
export interface CachedAnswer {
  /** The freshness token (every table API answers read) taken before the answer was read. */
  token: string;
  body: Buffer;
  /** When, on the server's clock, the answer goes stale with no write (Infinity: only a write does). */
  expiresAt: number;
  /** Who asked, when Connect credentials did: every request of a Connect App goes in the audit trail. */
  connect: { principal: ConnectPrincipal; path: string; resource: string } | null;
}

/** Only the exact request is the same request: its credentials, the host it addressed, its path and query as sent. */
export const answerKey = (request: IncomingMessage): string =>
  `${request.headers.authorization ?? ''}\n${request.headers.host ?? ''}\n${request.url ?? ''}`;

/** A Connect App's request answered with a kept answer goes into the audit trail like any other. */
export function recordServedAgain(answer: CachedAnswer, audit: AuditTrail | null, at: number): void {
  if (!answer.connect || !audit) return;
  const { principal, path, resource } = answer.connect;
  recordActivity(audit, principal, { method: 'GET', path, resource, at }, 200, null, newRequestNote());
}

/** How many recent requests are remembered to decide what is worth keeping. */
const REMEMBERED_REQUESTS = 1_024;

/** FNV-1a: a request is remembered by a number, not its text (a collision only keeps an answer early). */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Whole answers to GETs, least recently used out first, within a budget of bytes. An answer is kept
 * from the second time its request is seen among the last REMEMBERED_REQUESTS: a page asked for once
 * would only push out answers that are asked for again, and its copy would be garbage to collect. An answer is
 * served again only while no table the API reads has been written since it was read (freshness.ts),
 * so a call's status that the simulation moved on is never served as it was.
 */
export class ResponseCache {
  private readonly answers = new Map<string, CachedAnswer>();
  /** Answers being read now, by key: the same request arriving meanwhile waits for it instead of reading too. */
  private readonly reading = new Map<string, { token: string; done: Promise<CachedAnswer | undefined> }>();
  private bytes = 0;
  private readonly seen = new Set<number>();
  private readonly seenInOrder: number[] = [];
  private oldestSeen = 0;
  /** Answers served from here; for tests and the bench. */
  hits = 0;

  constructor(private readonly maxBytes: number) {}

  /** Whether the answer to `key` is worth keeping: true when the same request was seen lately. */
  worthKeeping(key: string): boolean {
    const hash = hashOf(key);
    if (this.seen.has(hash)) return true;
    if (this.seenInOrder.length < REMEMBERED_REQUESTS) this.seenInOrder.push(hash);
    else {
      this.seen.delete(this.seenInOrder[this.oldestSeen]!);
      this.seenInOrder[this.oldestSeen] = hash;
      this.oldestSeen = (this.oldestSeen + 1) % REMEMBERED_REQUESTS;
    }
    this.seen.add(hash);
    return false;
  }

  get(key: string): CachedAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer) {
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  set(key: string, answer: CachedAnswer): void {
    const size = answer.body.length + key.length;
    if (size > this.maxBytes / 8) return;
    this.delete(key);
    this.answers.set(key, answer);
    this.bytes += size;
    for (const [oldest, old] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= old.body.length + oldest.length;
    }
  }

  /** The answer being read for `key` at `token`, to wait for; undefined when none is. */
  beingRead(key: string, token: string): Promise<CachedAnswer | undefined> | undefined {
    const read = this.reading.get(key);
    return read?.token === token ? read.done : undefined;
  }

  /** Marks `key` as being read at `token`; call the function returned when the read ended, kept or not. */
  startReading(key: string, token: string): () => void {
    let finish!: (answer: CachedAnswer | undefined) => void;
    const read = { token, done: new Promise<CachedAnswer | undefined>((resolve) => (finish = resolve)) };
    this.reading.set(key, read);
    return () => {
      if (this.reading.get(key) === read) this.reading.delete(key);
      const answer = this.answers.get(key);
      finish(answer?.token === token ? answer : undefined);
    };
  }

  delete(key: string): void {
    const answer = this.answers.get(key);
    if (!answer) return;
    this.answers.delete(key);
    this.bytes -= answer.body.length + key.length;
  }
}
