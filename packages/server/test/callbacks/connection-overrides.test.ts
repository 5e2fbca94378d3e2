import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

interface Hit {
  path: string;
  url: string;
  signature: string;
  form: Record<string, string>;
}

const readForm = (req: IncomingMessage): Promise<Record<string, string>> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
  });

onEachDatabase("Twilio's connection overrides in the URL fragment", (database) => {
  let now = Date.UTC(2025, 4, 8, 12, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let owner: Account;
  let client: TwilioClient;
  let app: Server;
  let origin: string;
  const hits: Hit[] = [];
  let flakyFailures = 0;
  const NUMBER = '+14155550177';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };

  before(async () => {
    // A plain node:http app: /slow answers after 800 ms, /flaky fails with 500 `flakyFailures` times first.
    app = createServer(async (req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      hits.push({ path, url: `${origin}${req.url}`, signature: String(req.headers['x-twilio-signature']), form: await readForm(req) });
      if (path === '/slow') await new Promise((r) => setTimeout(r, 800));
      if (path === '/flaky' && flakyFailures-- > 0) return void res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response><Say>Sorry, try again later.</Say></Response>');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Overrides');
    client = twilioClient(server.current.url, owner.sid, owner.auth_token);
    await giveNumber(db, owner.sid, NUMBER);
  });
  after(() => new Promise<void>((resolve) => { app.close(() => resolve()); app.closeAllConnections(); }));

  const inboundCall = async (from: string) => {
    const response = await fetch(`${server.current.url}/_switchboard/Accounts/${owner.sid}/Inbound/Calls.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${owner.sid}:${owner.auth_token}`).toString('base64')}` },
      body: new URLSearchParams({ From: from, To: NUMBER }),
    });
    return ((await response.json()) as { sid: string }).sid;
  };

  test('#rt cuts a slow answer short: 11205 on the call (listed in Twilio\'s shape) and the fallback runs; #rc=0 tries once', async () => {
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: NUMBER });
    await client.incomingPhoneNumbers(number!.sid).update({ voiceUrl: `${origin}/slow#rt=200&rc=0&rp=rt`, voiceFallbackUrl: `${origin}/fallback` });
    const callSid = await inboundCall('+12125550170');
    await advance(0);
    await advance(60_000);
    assert.equal(hits.filter((h) => h.path === '/slow').length, 1);
    const [fallback] = hits.filter((h) => h.path === '/fallback');
    assert.equal(fallback!.form.ErrorCode, '11205');
    assert.ok(fallback!.form.ErrorUrl!.startsWith(`${origin}/slow`));
    assert.equal(hits.find((h) => h.path === '/slow')!.url, `${origin}/slow`, 'the fragment is never sent');
    const notifications = await client.calls(callSid).notifications.list();
    assert.deepEqual(notifications.map((n) => n.errorCode), ['11205']);
    assert.equal((await client.notifications(notifications[0]!.sid).fetch()).callSid, callSid);
    assert.ok((await client.notifications.list()).some((n) => n.sid === notifications[0]!.sid));
  });

  test('an unknown #rp is 11243 before any request; the fallback runs', async () => {
    const before = hits.length;
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: NUMBER });
    await client.incomingPhoneNumbers(number!.sid).update({ voiceUrl: `${origin}/never#rp=sometimes` });
    const callSid = await inboundCall('+12125550171');
    await advance(0);
    await advance(60_000);
    assert.deepEqual(hits.slice(before).map((h) => h.path), ['/fallback']);
    assert.deepEqual((await client.calls(callSid).notifications.list()).map((n) => n.errorCode), ['11243']);
  });

  test('#rc=2&rp=5xx retries a status callback at once within one attempt; every try is signed without the fragment', async () => {
    flakyFailures = 2;
    const message = await client.messages.create({ to: '+12125550172', from: NUMBER, body: 'Hello', statusCallback: `${origin}/flaky#rc=2&rp=5xx` });
    await advance(1000);
    const tries = hits.filter((h) => h.path === '/flaky' && h.form.MessageSid === message.sid);
    assert.deepEqual(tries.map((t) => t.form.MessageStatus), ['sent', 'sent', 'sent']);
    const attempts = await server.current.deps.db.selectFrom('webhook_deliveries').select('attempts').where('resource_sid', '=', message.sid).execute();
    assert.deepEqual(attempts.map((a) => Number(a.attempts)), [1], 'one attempt of the outbox, three tries on the wire');
    for (const t of tries) {
      assert.equal(t.url, `${origin}/flaky`);
      assert.ok(twilio.validateRequest(owner.auth_token, t.signature, t.url, t.form));
    }
  });
});
