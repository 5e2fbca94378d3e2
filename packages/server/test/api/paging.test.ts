import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { runPython } from '../support/python-client.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

const NOW = Date.UTC(2025, 2, 14, 18, 0, 0);
const CALLS = 5_200;

const LIST_SIDS = `
sids = [c.sid for c in client.api.v2010.accounts(args['account_sid']).calls.list(limit=args['limit'])]
print(json.dumps(sids))
`;

onEachDatabase('Paging through thousands of calls', (database) => {
  const server = serveForSuite(database, { clock: () => NOW, simulationIntervalMs: 0 });
  let customer: Account;
  let newestFirst: string[];

  before(async () => {
    const { db } = server.current.deps;
    customer = await makeAccount(db, 'Customer');
    await seedAccount(db, { accountSid: customer.sid, calls: CALLS, messages: 0, days: 10, seed: 7, now: NOW });
    const rows = await db.selectFrom('calls').select('sid').where('account_sid', '=', customer.sid).orderBy('date_created', 'desc').orderBy('sid', 'desc').execute();
    newestFirst = rows.map((r) => r.sid);
  });

  for (const limit of [2_000, 5_000]) {
    test(`twilio-node lists ${limit} calls with limit ${limit}, in order, each once`, async () => {
      const client = twilioClient(server.current.url, customer.sid, customer.auth_token);
      const calls = await client.calls.list({ limit });
      assert.deepEqual(calls.map((c) => c.sid), newestFirst.slice(0, limit));
    });

    test(`twilio-python lists ${limit} calls with limit ${limit}, in order, each once`, async () => {
      const sids = await runPython(LIST_SIDS, { base: server.current.url, username: customer.sid, password: customer.auth_token, account_sid: customer.sid, limit });
      assert.deepEqual(sids, newestFirst.slice(0, limit));
    });
  }

  test('PageSize over 1000 answers a page of 1000 whose next_page_uri asks for 1000', async () => {
    const response = await fetch(`${server.current.url}/2010-04-01/Accounts/${customer.sid}/Calls.json?PageSize=5000`, {
      headers: { authorization: `Basic ${Buffer.from(`${customer.sid}:${customer.auth_token}`).toString('base64')}` },
    });
    const page = (await response.json()) as { calls: unknown[]; page_size: number; next_page_uri: string };
    assert.equal(response.status, 200);
    assert.equal(page.calls.length, 1000);
    assert.equal(page.page_size, 1000);
    assert.match(page.next_page_uri, /PageSize=1000&Page=1&PageToken=PA/);
  });

  test('Page without PageToken serves the rows its start and end name, and links onwards from them', async () => {
    const client = twilioClient(server.current.url, customer.sid, customer.auth_token);
    const page = await client.calls.page({ pageSize: 2, pageNumber: 3 });
    const body = client.httpClient.lastResponse!.body as { start: number; end: number; page: number };
    assert.deepEqual({ start: body.start, end: body.end, page: body.page }, { start: 6, end: 7, page: 3 });
    assert.deepEqual(page.instances.map((c) => c.sid), newestFirst.slice(6, 8));
    const next = await page.nextPage();
    assert.deepEqual(next!.instances.map((c) => c.sid), newestFirst.slice(8, 10));
    const previous = await page.previousPage();
    assert.deepEqual(previous!.instances.map((c) => c.sid), newestFirst.slice(4, 6));
  });
});
