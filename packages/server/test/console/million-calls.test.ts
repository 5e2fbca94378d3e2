import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { encodeCursor } from '../../src/api/2010-04-01/paging.ts';
import { dialLegsQuery } from '../../src/console/phone/call-thread.ts';
import type { RunningServer } from '../../src/server.ts';
import { listCalls, type CallFilters } from '../../src/storage/repositories/calls.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { startTestServer } from '../support/console-server.ts';
import { PageClient } from '../support/page-client.ts';
import { planOf, planOfQuery } from '../support/query-plan.ts';
import { uniqueEmail } from './steps.ts';

const CALLS = 1_000_000;
const PAGE = 50;
const NO_FILTERS: CallFilters = { startTime: {}, endTime: {} };

const rowLinks = (html: string): string[] => [...html.matchAll(/class="row-link" href="\/console\/calls\/(CA[0-9a-f]{32})"/g)].map((m) => m[1]!);
const olderLink = (html: string): string | undefined => /rel="next" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describe(`The Calls log over ${CALLS.toLocaleString('en-US')} calls (SQLite)`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-million-'));
  let server: RunningServer;
  let owner: PageClient;
  let accountSid: string;
  /** The 61st-oldest call: the page after it is the next-to-last one. */
  let deep: { date_created: number; sid: string };

  before(async () => {
    server = await startTestServer(join(dir, 'million.sqlite'));
    owner = new PageClient(server.url);
    const email = uniqueEmail('million');
    assert.equal((await owner.signUp(email)).status, 303);
    const { db } = server.deps;
    accountSid = (await db.selectFrom('console_users').select('account_sid').where('email', '=', email).executeTakeFirstOrThrow()).account_sid;
    const started = performance.now();
    await seedAccount(db, { accountSid, calls: CALLS, messages: 0, days: 365, seed: 11, now: Date.now() });
    console.log(`# seeded ${CALLS.toLocaleString('en-US')} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Seeding holds the event loop for a minute, long past the keep-alive of the sign-up's connection:
    // the pages are read from a fresh server on the same file, with the same session.
    await server.close();
    server = await startTestServer(join(dir, 'million.sqlite'));
    const signedIn = owner;
    owner = new PageClient(server.url);
    for (const [name, value] of signedIn.cookies) owner.cookies.set(name, value);
    const oldest = await server.deps.db.selectFrom('calls').select(['date_created', 'sid']).where('account_sid', '=', accountSid).orderBy('date_created').orderBy('sid').limit(61).execute();
    deep = oldest.at(-1)!;
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the first page and a page a million rows deep both answer with a full page, and paging goes on to the very last call', async () => {
    const first = await owner.get('/console/calls');
    assert.equal(first.status, 200);
    assert.equal(rowLinks(first.html).length, PAGE);
    assert.ok(olderLink(first.html), 'the first page links to older calls');

    const token = encodeCursor({ direction: 'after', created: deep.date_created, key: deep.sid });
    const deepPage = await owner.get(`/console/calls?page=${token}`);
    assert.equal(deepPage.status, 200);
    assert.equal(rowLinks(deepPage.html).length, PAGE);
    const last = await owner.get(olderLink(deepPage.html)!);
    assert.equal(rowLinks(last.html).length, 10, 'the 60 oldest calls: a full page, then the last ten');
    assert.equal(olderLink(last.html), undefined, 'nothing is older than the last page');
    const { sid: oldestSid } = await server.deps.db.selectFrom('calls').select('sid').where('account_sid', '=', accountSid).orderBy('date_created').orderBy('sid').limit(1).executeTakeFirstOrThrow();
    assert.equal(rowLinks(last.html).at(-1), oldestSid);
  });

  test('a deep page seeks through the index in list order: no scan of the account, no sort', async () => {
    const cursor = { direction: 'after' as const, created: deep.date_created, key: deep.sid };
    const plain = await planOf(server.deps.db, (db) => listCalls(db, accountSid, NO_FILTERS, { pageSize: PAGE, cursor }));
    assert.match(plain, /USING (COVERING )?INDEX calls_account_created \(account_sid=\? AND /);
    const byStatus = await planOf(server.deps.db, (db) => listCalls(db, accountSid, { ...NO_FILTERS, status: 'busy' }, { pageSize: PAGE, cursor }));
    assert.match(byStatus, /USING (COVERING )?INDEX calls_account_status \(account_sid=\? AND status=\? AND /);
    for (const plan of [plain, byStatus]) assert.doesNotMatch(plan, /TEMP B-TREE|SCAN calls/, plan);
  });

  test("a call's Dial legs are found through the index of legs alone, which holds no call without a parent", async () => {
    const { db } = server.deps;
    const byParent = await planOf(db, (db) => listCalls(db, accountSid, { ...NO_FILTERS, parentCallSid: deep.sid }, { pageSize: PAGE, cursor: null }));
    const legs = await planOfQuery(db, dialLegsQuery(db, { sid: deep.sid, account_sid: accountSid }).compile());
    for (const plan of [byParent, legs]) {
      assert.match(plan, /USING (COVERING )?INDEX calls_account_parent \(account_sid=\? AND parent_call_sid=\?/);
      assert.doesNotMatch(plan, /SCAN calls/, plan);
    }
    const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where name = 'calls_account_parent'`.execute(db);
    assert.match(rows[0]!.sql, /where "parent_call_sid" is not null$/);
  });

  test('a filtered deep page answers too', async () => {
    const token = encodeCursor({ direction: 'after', created: deep.date_created, key: deep.sid });
    const page = await owner.get(`/console/calls?status=completed&page=${token}`);
    assert.equal(page.status, 200);
    assert.ok(rowLinks(page.html).length > 0 && rowLinks(page.html).length <= PAGE);
  });
});
