import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { handleDeauthorize } from '../deauthorize/handle-deauthorize.ts';
import { ConnectError } from '../errors.ts';
import { withServer } from '../../test/server.ts';
import { CONNECT_APP_SID, SUBACCOUNT_SID } from '../../test/sids.ts';
import { fromNodeRequest, toWebRequest } from './node-request.ts';

interface Seen { url: string; method: string; signature: string | null; type: string | null; body: string }

const describe = async (request: Request): Promise<Seen> => ({
  url: request.url,
  method: request.method,
  signature: request.headers.get('x-twilio-signature'),
  type: request.headers.get('content-type'),
  body: await request.text(),
});

test('a node:http POST becomes a Request with its URL, method, headers and body', async () => {
  await withServer(async (req, res) => {
    res.end(JSON.stringify(await describe(await fromNodeRequest(req))));
  }, async (origin) => {
    const response = await fetch(`${origin}/hook?x=1`, { method: 'POST', headers: { 'X-Twilio-Signature': 'sig', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%20' });
    assert.deepEqual(await response.json(), { url: `${origin}/hook?x=1`, method: 'POST', signature: 'sig', type: 'application/x-www-form-urlencoded', body: 'a=1&b=%20' });
  });
});

test('a GET has no body, and the origin option replaces scheme and host', async () => {
  await withServer(async (req, res) => {
    res.end(JSON.stringify(await describe(await fromNodeRequest(req, { origin: 'https://app.example.com/' }))));
  }, async (origin) => {
    const seen = await (await fetch(`${origin}/hook?AccountSid=AC1`)).json() as Seen;
    assert.equal(seen.url, 'https://app.example.com/hook?AccountSid=AC1');
    assert.equal(seen.method, 'GET');
    assert.equal(seen.body, '');
  });
});

test('a body over the limit is refused with payload_too_large instead of being buffered', async () => {
  await withServer(async (req, res) => {
    const error = await fromNodeRequest(req, { limit: 10 }).catch((e: unknown) => e);
    res.end(error instanceof ConnectError ? `${error.code} ${error.status}` : 'accepted');
  }, async (origin) => {
    const response = await fetch(`${origin}/hook`, { method: 'POST', body: 'x'.repeat(11) });
    assert.equal(await response.text(), 'payload_too_large 413');
  });
});

test('toWebRequest takes a body that was already read', async () => {
  await withServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fromBytes = toWebRequest(req, Buffer.concat(chunks));
    const fromText = toWebRequest(req, Buffer.concat(chunks).toString());
    res.end(JSON.stringify([await fromBytes.text(), await fromText.text()]));
  }, async (origin) => {
    const response = await fetch(`${origin}/hook`, { method: 'POST', body: 'AccountSid=AC1' });
    assert.deepEqual(await response.json(), ['AccountSid=AC1', 'AccountSid=AC1']);
  });
});

test('a signed deauthorize POST through node:http is accepted end to end', async () => {
  const token = 'owner_token';
  await withServer(async (req, res) => {
    try {
      res.end(JSON.stringify(await handleDeauthorize(await fromNodeRequest(req), { authToken: token })));
    } catch (error) {
      res.writeHead(error instanceof ConnectError ? error.status : 500).end();
    }
  }, async (origin) => {
    const form = { AccountSid: SUBACCOUNT_SID, ConnectAppSid: CONNECT_APP_SID };
    const send = (signature: string) => fetch(`${origin}/deauthorize`, { method: 'POST', headers: { 'X-Twilio-Signature': signature }, body: new URLSearchParams(form) });
    const ok = await send(twilio.getExpectedTwilioSignature(token, `${origin}/deauthorize`, form));
    assert.deepEqual(await ok.json(), { accountSid: SUBACCOUNT_SID, connectAppSid: CONNECT_APP_SID });
    assert.equal((await send(twilio.getExpectedTwilioSignature('other', `${origin}/deauthorize`, form))).status, 403);
  });
});
