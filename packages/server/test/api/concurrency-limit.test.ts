import assert from 'node:assert/strict';
import http from 'node:http';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertTwilioError } from '../support/spec-validator.ts';

onEachDatabase('Requests in flight per account', (database) => {
  const server = serveForSuite(database, { env: { SWITCHBOARD_API_CONCURRENCY: '1' } });
  let account: Account;
  const auth = () => `Basic ${Buffer.from(`${account.sid}:${account.auth_token}`).toString('base64')}`;

  before(async () => {
    account = await makeAccount(server.current.deps.db, 'Busy');
  });

  test('a request past the limit is answered 429 / 20429 at once, and the next one after it goes through', { timeout: 10_000 }, async () => {
    // A POST whose body has not arrived yet holds its place in flight.
    const url = new URL(`${server.current.url}/2010-04-01/Accounts/${account.sid}.json`);
    const held = http.request(url, { method: 'POST', headers: { authorization: auth(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '14' } });
    const heldResponse = new Promise<number>((resolve) => held.on('response', (res) => { res.resume(); resolve(res.statusCode!); }));
    held.write('Friendly');
    await new Promise((r) => setTimeout(r, 100));

    const refused = await fetch(url, { headers: { authorization: auth() } });
    assert.equal(refused.status, 429);
    const body = await refused.json();
    assertTwilioError(429, body);
    assert.equal(body.code, 20429);

    held.end('Name=x');
    assert.equal(await heldResponse, 200);
    assert.equal((await fetch(url, { headers: { authorization: auth() } })).status, 200);
  });

  test('another account is not held back by a busy one', async () => {
    const other = await makeAccount(server.current.deps.db, 'Idle');
    const response = await fetch(`${server.current.url}/2010-04-01/Accounts/${other.sid}.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${other.sid}:${other.auth_token}`).toString('base64')}` },
    });
    assert.equal(response.status, 200);
  });
});
