import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { sendRequest } from './send-request.ts';

let server: Server;
let base: string;
const seen: { method: string; body: string; signature: string | undefined }[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method!, body, signature: req.headers['x-twilio-signature'] as string | undefined });
      if (req.url === '/silent') return; // never answers
      if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }).end();
      res.writeHead(req.url === '/ok' ? 204 : 500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test('the response status comes back, with the body and headers sent as given', async () => {
  const result = await sendRequest({ url: new URL(`${base}/ok`), method: 'POST', headers: { 'x-twilio-signature': 'sig', 'content-type': 'application/x-www-form-urlencoded' }, body: 'A=1' });
  assert.equal(result.status, 204);
  assert.equal(result.error, null);
  assert.deepEqual(seen.at(-1), { method: 'POST', body: 'A=1', signature: 'sig' });
});

test('a redirect is reported, not followed', async () => {
  const before = seen.length;
  assert.equal((await sendRequest({ url: new URL(`${base}/moved`), method: 'GET', headers: {} })).status, 302);
  assert.equal(seen.length, before + 1);
});

test('a refused connection is an error without a status', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const result = await sendRequest({ url: new URL(`http://127.0.0.1:${port}/`), method: 'GET', headers: {} });
  assert.equal(result.status, null);
  assert.match(result.error!, /ECONNREFUSED/);
});

test('a server that accepts but never answers is given up after the read timeout', async () => {
  const result = await sendRequest({ url: new URL(`${base}/silent`), method: 'GET', headers: {} }, { connectMs: 1000, readMs: 100 });
  assert.equal(result.status, null);
  assert.equal(result.error, 'no response within 0.1 s');
});
