import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertTwilioError } from '../support/spec-validator.ts';

/** Sends exactly these bytes, as no HTTP client would, and resolves with everything the server answered. */
export function rawExchange(base: string, request: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const basic = (account: Account) => `Basic ${Buffer.from(`${account.sid}:${account.auth_token}`).toString('base64')}`;

/** The response is Twilio's error shape with this status and code. */
function assertError(response: { status: number; body: string }, status: number, code: number): void {
  assert.equal(response.status, status, response.body);
  const body = JSON.parse(response.body) as { code: number; status: number };
  assertTwilioError(status, body);
  assert.deepEqual([body.code, body.status], [code, status]);
}

onEachDatabase('Requests the URL parser or Node would otherwise rewrite or answer', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  before(async () => {
    owner = await makeAccount(server.current.deps.db, 'Owner');
  });

  const subaccounts = async () =>
    (await server.current.deps.db.selectFrom('accounts').select('sid').where('parent_sid', '=', owner.sid).execute()).length;

  for (const path of [
    (sid: string) => `/2010-04-01/Accounts/${sid}/%2e%2e/%2e%2e/Accounts.json`,
    (sid: string) => `/2010-04-01/Accounts/${sid}/%2E./..%2e/Accounts.json`,
    (sid: string) => `/2010-04-01/Accounts/${sid}/../../Accounts.json`,
    (sid: string) => `/2010-04-01/./Accounts/${sid}.json`,
  ]) {
    test(`${path('AC…')} is 404 / 20404 and creates nothing`, async () => {
      const before = await subaccounts();
      const body = 'FriendlyName=dots';
      const response = await rawExchange(
        server.current.url,
        `POST ${path(owner.sid)} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basic(owner)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      assertError(response, 404, 20404);
      assert.equal(await subaccounts(), before);
    });
  }

  test('a request whose headers are too large gets 431 in Twilio\'s error shape', async () => {
    const response = await rawExchange(server.current.url, `GET /2010-04-01/Accounts.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    assertError(response, 431, 20001);
  });

  test('a request with both Content-Length and Transfer-Encoding gets 400 in Twilio\'s error shape', async () => {
    const response = await rawExchange(
      server.current.url,
      `POST /2010-04-01/Accounts.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    );
    assertError(response, 400, 20001);
  });

  test('an HTTP/1.1 request without Host gets 400 in Twilio\'s error shape', async () => {
    const response = await rawExchange(server.current.url, `GET /2010-04-01/Accounts.json HTTP/1.1\r\nAuthorization: ${basic(owner)}\r\nConnection: close\r\n\r\n`);
    assertError(response, 400, 20001);
  });

  test('an HTTP/1.0 request without Host, which HTTP/1.0 allows, is served', async () => {
    const response = await rawExchange(server.current.url, `GET /2010-04-01/Accounts/${owner.sid}.json HTTP/1.0\r\nAuthorization: ${basic(owner)}\r\n\r\n`);
    assert.equal(response.status, 200);
    assert.equal((JSON.parse(response.body) as { sid: string }).sid, owner.sid);
  });
});

/** A connection that sends a request line and then one header byte at a time, never finishing. */
function slowLoris(base: string, everyMs: number): { socket: Socket; closed: Promise<string> } {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (answer += chunk));
  socket.on('error', () => {});
  let drip: NodeJS.Timeout | undefined;
  socket.once('connect', () => {
    socket.write('GET /2010-04-01/Accounts.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    drip = setInterval(() => socket.writable && socket.write('a'), everyMs);
  });
  const closed = new Promise<string>((resolve) => socket.once('close', () => { clearInterval(drip); resolve(answer); }));
  return { socket, closed };
}

onEachDatabase('Slow clients', (database) => {
  const server = serveForSuite(database, {
    env: { SWITCHBOARD_HEADERS_TIMEOUT_MS: '1000', SWITCHBOARD_REQUEST_TIMEOUT_MS: '2000', SWITCHBOARD_MAX_CONNECTIONS: '400' },
  });

  test('200 slow-loris connections are cut at the headers timeout, and normal requests are served meanwhile', async () => {
    const owner = await makeAccount(server.current.deps.db, 'Owner');
    const loris = Array.from({ length: 200 }, () => slowLoris(server.current.url, 100));
    try {
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${server.current.url}/2010-04-01/Accounts/${owner.sid}.json`, { headers: { authorization: basic(owner) } });
        assert.equal(response.status, 200);
        await response.arrayBuffer();
      }
      // Node's default would hold them for a minute; generous here, as timing is not what is tested.
      const answers = await Promise.race([
        Promise.all(loris.map((l) => l.closed)),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow connections still open after 20 s')), 20_000)),
      ]);
      assert.deepEqual(answers.map((a) => a.split('\r\n')[0] + a.slice(a.indexOf('{'))).filter((a) => !a.startsWith('HTTP/1.1 408 ')), []);
    } finally {
      for (const l of loris) l.socket.destroy();
    }
  });
});
