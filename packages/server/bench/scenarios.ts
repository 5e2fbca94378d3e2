// What the bench asks of each server: the requests of every figure, built from a seeded fixture.
import { sql } from 'kysely';
import { encodeCursor } from '../src/api/2010-04-01/paging.ts';
import { openStorage } from '../src/storage/database.ts';
import { seededRandom } from '../src/telephony/seed/random.ts';
import { consoleCookie } from './console-session.ts';
import type { BenchFixture } from './prepare.ts';
import type { WrkRequest } from './wrk.ts';

export interface Scenario {
  name: string;
  /** wrk cycles through these; more than one makes every request ask for a different page. */
  requests: WrkRequest[];
  kind: 'read' | 'write';
}

/**
 * Distinct pages in the "pages that all differ" figure. wrk asks for them in turn, so a page comes back only
 * after 1,999 others (some 190 MiB of answers): no cache of a few MiB can serve a repeat within a trial.
 */
export const DISTINCT_PAGES = 2_000;

async function pageTokenAt(fixture: BenchFixture, offset: number): Promise<string> {
  const storage = openStorage(fixture.url);
  const row = await storage.db
    .selectFrom('calls').select(['date_created', 'sid']).where('account_sid', '=', fixture.customerSid)
    .orderBy('date_created', 'desc').orderBy('sid', 'desc').offset(offset - 1).limit(1).executeTakeFirstOrThrow();
  await storage.close();
  return encodeCursor({ direction: 'after', created: row.date_created, key: row.sid });
}

/** Page tokens after randomly chosen calls, all different (found through the SID index, so cheap at any size). */
async function randomPageTokens(fixture: BenchFixture, count: number): Promise<string[]> {
  const storage = openStorage(fixture.url);
  const random = seededRandom(16);
  const tokens = new Set<string>();
  while (tokens.size < count) {
    const from = `CA${Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')}`;
    const row = await storage.db.selectFrom('calls').select(['date_created', 'sid'])
      .where('account_sid', '=', fixture.customerSid).where('sid', '>=', from).orderBy('sid').limit(1).executeTakeFirst();
    if (row) tokens.add(encodeCursor({ direction: 'after', created: row.date_created, key: row.sid }));
  }
  const contacts = await sql<{ to: string }>`select distinct "to" from calls where direction = 'outbound-api' limit 20`.execute(storage.db);
  await storage.close();
  return [...tokens].map((token, i) => {
    const filter = [``, `&Status=completed`, `&Status=busy`, `&To=${encodeURIComponent(contacts.rows[i % contacts.rows.length]!.to)}`][i % 4];
    return `PageToken=${token}${filter}`;
  });
}

export async function scenariosFor(fixture: BenchFixture): Promise<Scenario[]> {
  const auth = { authorization: `Basic ${Buffer.from(`${fixture.connectSid}:${fixture.developerToken}`).toString('base64')}` };
  const get = (path: string): WrkRequest => ({ method: 'GET', path, headers: auth });
  const post = (path: string, form: Record<string, string>): WrkRequest => {
    const body = new URLSearchParams(form).toString();
    return { method: 'POST', path, headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body };
  };
  const account = `/2010-04-01/Accounts/${fixture.customerSid}`;
  const connect = `/2010-04-01/Accounts/${fixture.connectSid}`;
  const deep = Math.min(900_000, Math.floor(fixture.calls * 0.9));
  const deepPage = Math.floor(deep / 50);
  const varied = await randomPageTokens(fixture, DISTINCT_PAGES);
  const count = (n: number) => n.toLocaleString('en-US');
  const page = (path: string, cookie: string): WrkRequest => ({ method: 'GET', path, headers: { cookie } });
  const cookie = await consoleCookie(fixture);
  const deepToken = await pageTokenAt(fixture, deep);
  return [
    { name: `GET Messages page of 50 (${count(fixture.messages)} messages), repeated`, kind: 'read', requests: [get(`${account}/Messages.json?PageSize=50`)] },
    { name: 'GET Calls first page of 50, repeated', kind: 'read', requests: [get(`${account}/Calls.json?PageSize=50`)] },
    { name: `GET Calls page ${count(deep)} rows deep, repeated`, kind: 'read', requests: [get(`${account}/Calls.json?PageSize=50&Page=${deepPage}&${`PageToken=${deepToken}`}`)] },
    { name: 'GET Console Calls log, first page', kind: 'read', requests: [page('/console/calls', cookie)] },
    { name: `GET Console Calls log, ${count(deep)} rows deep`, kind: 'read', requests: [page(`/console/calls?page=${deepToken}`, cookie)] },
    {
      name: `GET Calls, ${count(DISTINCT_PAGES)} different pages (PageTokens, Status, To)`, kind: 'read',
      requests: varied.map((q, i) => get(`${account}/Calls.json?PageSize=50&Page=${i + 1}&${q}`)),
    },
    { name: 'POST Messages', kind: 'write', requests: [post(`${connect}/Messages.json`, { To: '+12125550100', From: fixture.connectNumber, Body: 'Benchmark message' })] },
    {
      name: 'POST Calls', kind: 'write',
      requests: [post(`${connect}/Calls.json`, { To: '+12125550100', From: fixture.connectNumber, Twiml: '<Response><Say>Benchmark call</Say></Response>' })],
    },
  ];
}
