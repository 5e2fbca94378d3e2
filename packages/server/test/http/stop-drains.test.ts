import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { STOP_GRACE_MS } from '../../src/http/in-flight.ts';
import { openStorage } from '../../src/storage/database.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { startTestServer } from '../support/server.ts';

/** A raw connection to `base`, with everything it has been sent so far. */
function open(base: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(Number(port), hostname, () => resolve({ socket, received: () => data, closed }));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.once('error', reject);
  });
}

const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

/** A server stopped while it answers: on a file (SQLite) or a database (PostgreSQL) that outlives it, so its writes can be checked after. */
for (const name of ['SQLite', 'PostgreSQL'] as const) {
  describe(`A server that stops lets the requests it is answering finish (${name})`, () => {
    let url = '';
    let cleanUp = async () => {};
    before(async () => {
      if (name === 'PostgreSQL') {
        const created = await createPostgresDatabase();
        url = created.url;
        cleanUp = created.drop;
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'switchboard-stop-'));
        url = join(dir, 'switchboard.db');
        cleanUp = async () => rmSync(dir, { recursive: true, force: true });
      }
    });
    after(() => cleanUp());

    test('a create whose body is still arriving when the stop begins is answered 201, with Connection: close, and its row is kept', async () => {
      const server = await startTestServer(url);
      const owner = await makeAccount(server.deps.db, 'Owner');
      const body = 'FriendlyName=Made+while+stopping';
      const client = await open(server.url);
      const arrived = new Promise<void>((resolve) => server.http.once('request', () => resolve()));
      client.socket.write(
        `POST /2010-04-01/Accounts.json HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(owner.sid, owner.auth_token)}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      await arrived;
      const stopped = server.close();
      // The stop is under way: no new connection is taken.
      await assert.rejects(open(server.url), /ECONNREFUSED/);
      client.socket.write(body.slice(5));
      await client.closed;
      await stopped;

      const answer = client.received();
      assert.match(answer, /^HTTP\/1\.1 201 /, answer);
      assert.match(answer, /\r\nConnection: close\r\n/i, answer);
      const sid = (JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { sid: string }).sid;
      const storage = openStorage(url);
      try {
        const row = await storage.db.selectFrom('accounts').select(['friendly_name', 'parent_sid']).where('sid', '=', sid).executeTakeFirst();
        assert.deepEqual(row, { friendly_name: 'Made while stopping', parent_sid: owner.sid });
      } finally {
        await storage.close();
      }
    });

    test('an idle kept-alive connection is closed at once and does not hold the stop', async () => {
      const server = await startTestServer(url);
      const owner = await makeAccount(server.deps.db, 'Owner');
      const client = await open(server.url);
      client.socket.write(`GET /2010-04-01/Accounts/${owner.sid}.json HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(owner.sid, owner.auth_token)}\r\n\r\n`);
      while (!/\r\n\r\n[\s\S]*\}$/.test(client.received())) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.match(client.received(), /^HTTP\/1\.1 200 [\s\S]*\r\nConnection: keep-alive\r\n/i);

      const began = Date.now();
      await server.close();
      await client.closed;
      assert.ok(Date.now() - began < STOP_GRACE_MS / 2, `the stop waited ${Date.now() - began} ms for a connection with nothing in flight`);
    });
  });
}
