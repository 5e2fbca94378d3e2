// The callback log's rows are made in volume (an event, a delivery and its attempts for each status
// callback; a delivery and an attempt for each TwiML fetch; a Notification for each error), so their
// SIDs start with their instant, as calls' and messages' do: each group of them appends to its indexes.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { claimDue, insertEvent, recordAttempt } from '../../src/storage/repositories/webhook-deliveries.ts';
import { notifyError } from '../../src/telephony/twiml/notify.ts';
import { requestTwiml, type TwimlRequest } from '../../src/telephony/twiml/request-twiml.ts';
import { makeAccount } from '../support/fixtures.ts';

/** The instant a time-ordered SID starts with. */
const instantOf = (sid: string) => parseInt(sid.slice(2, 14), 16);
const T = Date.UTC(2026, 11, 5, 12);

let storage: Storage;
let accountSid: string;
let app: Server;
before(async () => {
  storage = openStorage(':memory:');
  await migrateToLatest(storage.db);
  accountSid = (await makeAccount(storage.db, 'Owner')).sid;
  app = createServer((_request, response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('down'));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await new Promise((resolve) => app.close(resolve));
  await storage.close();
});

test("a status callback's event, delivery and attempt start with the instant each was made", async () => {
  const event = (at: number) =>
    storage.db.transaction().execute((trx) =>
      insertEvent(trx, { type: 'call.status', account_sid: accountSid, connect_app_sid: null, payload: '{}', date_created: at }, { url: 'http://127.0.0.1:9/status', method: 'POST', params: {} }),
    );
  const first = await event(T);
  const second = await event(T + 1);
  assert.equal(instantOf(first.event.sid), T);
  assert.equal(instantOf(first.delivery!.sid), T);
  assert.ok(second.event.sid > first.event.sid && second.delivery!.sid > first.delivery!.sid, 'made later, listed later');

  const claimed = await claimDue(storage.db, 'sqlite', { now: T + 2, leaseMs: 60_000, limit: 10, leaseToken: 'lease' });
  const delivery = claimed.find((d) => d.sid === first.delivery!.sid)!;
  assert.ok(await recordAttempt(storage.db, delivery, { startedAt: T + 2, responseStatus: 503, error: null, latencyMs: 4, nextAttemptAt: T + 60_000 }, T + 6));
  const attempt = await storage.db.selectFrom('webhook_attempts').selectAll().where('delivery_sid', '=', delivery.sid).executeTakeFirstOrThrow();
  assert.match(attempt.sid, /^WA[0-9a-f]{32}$/);
  assert.equal(instantOf(attempt.sid), T + 6);
});

test('a TwiML fetch and the Notification its failure makes start with the instant of the request', async () => {
  const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/voice`;
  const request: TwimlRequest = { type: 'call.twiml', accountSid, resourceSid: `CA${'1'.repeat(32)}`, url, method: 'POST', params: { CallSid: `CA${'1'.repeat(32)}` }, at: T + 100 };
  const answer = await requestTwiml(storage.db, request);
  assert.equal(answer.ok, false, 'the app answered 500');
  const delivery = await storage.db.selectFrom('webhook_deliveries').selectAll().where('resource_sid', '=', request.resourceSid).executeTakeFirstOrThrow();
  const attempt = await storage.db.selectFrom('webhook_attempts').selectAll().where('delivery_sid', '=', delivery.sid).executeTakeFirstOrThrow();
  for (const sid of [delivery.sid, delivery.event_sid, attempt.sid]) assert.equal(instantOf(sid), T + 100, sid);

  await notifyError(storage.db, request, { code: 11200, message: 'HTTP retrieval failure' }, answer, request.resourceSid);
  const notification = await storage.db.selectFrom('notifications').selectAll().where('account_sid', '=', accountSid).executeTakeFirstOrThrow();
  assert.match(notification.sid, /^NO[0-9a-f]{32}$/);
  assert.equal(instantOf(notification.sid), T + 100);
});
