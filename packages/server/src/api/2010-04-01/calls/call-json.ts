import type { Kysely } from 'kysely';
import { findCalls, type CallKey } from '../../../storage/repositories/calls.ts';
import type { Database } from '../../../storage/schema.ts';
import { FINAL_CALL_STATUSES } from '../../../telephony/call-lifecycle.ts';
import { serializeCall } from './serialize.ts';

/**
 * About 2 KB each: some 4 MB, the finished calls of the 40 pages of 50 listed last. Pages are read again
 * soon or not at all, and a larger cache is mostly resident memory (20,000 held 40 MB of a 120 MiB budget).
 */
const MAX_CACHED = 2_000;

/**
 * A finished call never changes again (the API refuses updates to it), so its JSON can be kept and
 * reused: listing a page then reads only the page's keys from the index. Calls still in flight are
 * always read fresh. One cache per database.
 */
const caches = new WeakMap<Kysely<Database>, Map<string, string>>();

const cacheFor = (db: Kysely<Database>): Map<string, string> => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
};

/** The JSON of each call on a page, in page order; calls deleted meanwhile are left out. */
export async function callJson(db: Kysely<Database>, accountSid: string, keys: readonly CallKey[]): Promise<string[]> {
  const cache = cacheFor(db);
  // Plain loops: this runs on every page listed, and most pages are found whole in the cache.
  const missing: string[] = [];
  for (const key of keys) if (!cache.has(key.sid)) missing.push(key.sid);
  const fresh = new Map<string, string>();
  for (const call of await findCalls(db, accountSid, missing)) {
    const json = JSON.stringify(serializeCall(call));
    fresh.set(call.sid, json);
    if (FINAL_CALL_STATUSES.has(call.status)) {
      cache.set(call.sid, json);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    }
  }
  const page: string[] = [];
  for (const key of keys) {
    const json = fresh.get(key.sid) ?? cache.get(key.sid);
    if (json !== undefined) page.push(json);
  }
  return page;
}

/** A deleted call's JSON is dropped at once (elsewhere its SID simply stops being listed). */
export const forgetCall = (db: Kysely<Database>, sid: string): void => {
  cacheFor(db).delete(sid);
};
