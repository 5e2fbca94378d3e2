import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { control } from '../support/controls.ts';
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

  test('a POST whose client hangs up before its body is read gives its place back', { timeout: 10_000 }, async () => {
    // A fault holds the request before its body is read; the client is gone by the time it is.
    const credentials = { username: account.sid, password: account.auth_token };
    const fault = await control(server.current.url, credentials, 'POST', `/Accounts/${account.sid}/Faults.json`, { Path: '*', Method: 'POST', DelayMs: '300', Times: '1' });
    assert.equal(fault.status, 201, JSON.stringify(fault.body));
    const { hostname, port } = new URL(server.current.url);
    const socket = net.connect(Number(port), hostname);
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = 'FriendlyName=gone';
    socket.write(
      `POST /2010-04-01/Accounts/${account.sid}.json HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: ${auth()}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 600));

    // With a limit of one, a place held for good would refuse every later request.
    const after = await fetch(`${server.current.url}/2010-04-01/Accounts/${account.sid}.json`, { headers: { authorization: auth() } });
    const text = await after.text();
    assert.equal(after.status, 200, text);
    assert.notEqual(JSON.parse(text).friendly_name, 'gone', 'the request whose client left changed nothing');
  });

  test('another account is not held back by a busy one', async () => {
    const other = await makeAccount(server.current.deps.db, 'Idle');
    const response = await fetch(`${server.current.url}/2010-04-01/Accounts/${other.sid}.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${other.sid}:${other.auth_token}`).toString('base64')}` },
    });
    assert.equal(response.status, 200);
  });
});
