import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureWrk, runWrk, type WrkRequest } from '../../bench/wrk.ts';

test("wrk opens every connection before the load starts, and cycles through the bench's requests", async () => {
  ensureWrk();
  const CONNECTIONS = 20;
  const events: string[] = [];
  const paths = new Set<string>();
  const server = createServer((request, response) => {
    events.push('request');
    paths.add(`${request.method} ${request.url}`);
    request.resume();
    request.on('end', () => response.end('{}'));
  });
  server.on('connection', () => events.push('connection'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-wrk-'));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const requests: WrkRequest[] = [
      { method: 'GET', path: '/first', headers: {} },
      { method: 'POST', path: '/second', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'To=%2B1' },
    ];
    const result = await runWrk(url, requests, { seconds: 2, connections: CONNECTIONS, scriptFile: join(folder, 'requests.lua'), openConnectionsMs: 500 });
    assert.ok(result.requests > CONNECTIONS, `${result.requests} requests`);
    assert.equal(result.badStatus + result.socketErrors, 0);
    // Were a connection accepted after the first request, its first request would have queued behind the load.
    // (wrk also opens one connection of its own to check the address, before the others.)
    const acceptedBeforeLoad = events.indexOf('request');
    assert.ok(acceptedBeforeLoad >= CONNECTIONS, `connections accepted before the first request: ${acceptedBeforeLoad} of ${CONNECTIONS}`);
    assert.deepEqual([...paths].sort(), ['GET /first', 'POST /second']);
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
