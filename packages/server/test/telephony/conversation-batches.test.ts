// The simulation advances the TwiML conversations due in a tick together: they are leased in the
// batch's transaction, advanced one by one outside it, and their steps stored in one transaction
// (before any request to an app, and at the end). These tests hold the order a user can see, and what
// happens when one step cannot be stored or one conversation cannot run.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import type { CallsTable } from '../../src/storage/schema.ts';
import { createSimulator } from '../../src/telephony/simulator.ts';
import { newConversation } from '../../src/telephony/voice/conversation.ts';
import { timeOrderedSid } from '../../src/util/sid.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';

const NOW = Date.UTC(2026, 11, 5, 12);

/** An outbound call answered at `answeredAt` whose TwiML (inline, or at `url`) starts then. */
function answeredCall(accountSid: string, answeredAt: number, first: { twiml: string } | { url: string }): CallsTable {
  const start = 'twiml' in first ? first : { url: first.url, method: 'POST' as const, params: {} };
  return {
    sid: timeOrderedSid('CA', answeredAt), account_sid: accountSid, parent_call_sid: null, to: '+12125550100', from: '+13125550101', phone_number_sid: null,
    status: 'in-progress', direction: 'outbound-api', start_time: answeredAt, end_time: null, duration: null, price: null, answered_by: null, caller_name: null,
    forwarded_from: null, queue_time: 0, url: 'url' in first ? first.url : null, method: 'POST', twiml: 'twiml' in first ? first.twiml : null, application_sid: null,
    status_callback: null, status_callback_method: null, status_callback_events: 'completed', fallback_url: null, fallback_method: null,
    conversation: JSON.stringify(newConversation(answeredAt, start, null)), record: 0, outcome: 'completed', ring_seconds: 5, talk_seconds: 30,
    next_event_at: answeredAt, date_created: answeredAt - 10_000, date_updated: answeredAt,
  };
}

const SAY = { twiml: '<Response><Say>Hello</Say></Response>' };

onEachDatabase('Conversations advanced together', (database) => {
  let storage: Storage;
  let accountSid: string;
  let app: Server;
  /** What the app saw of the other calls when its TwiML was asked for. */
  let seenByApp: string[] = [];
  let appUrl = '';

  const statusOf = async (sid: string) =>
    (await storage.db.selectFrom('calls').select(['status', 'next_event_at']).where('sid', '=', sid).executeTakeFirstOrThrow());

  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
    accountSid = (await makeAccount(storage.db, 'Owner')).sid;
    app = createServer((request, response) => {
      request.resume();
      if (request.url === '/change') {
        // As an API request updating the call would, while its app is being asked.
        void storage.db.updateTable('calls').set({ status_callback: 'https://app.example.com/changed' }).where('account_sid', '=', accountSid).execute().then(() => {
          response.writeHead(200, { 'content-type': 'text/xml' }).end('<Response><Say>Bye</Say></Response>');
        });
        return;
      }
      void storage.db.selectFrom('calls').select('status').where('account_sid', '=', accountSid).where('twiml', 'is not', null).orderBy('sid').execute().then((rows) => {
        seenByApp = rows.map((row) => row.status);
        response.writeHead(200, { 'content-type': 'text/xml' }).end('<Response><Say>Bye</Say></Response>');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/voice`;
  });
  after(async () => {
    await new Promise((resolve) => app.close(resolve));
    await storage.close();
  });

  test("the steps made before a call asks its app are stored before the app is asked", async () => {
    const inline = [answeredCall(accountSid, NOW - 60_000, SAY), answeredCall(accountSid, NOW - 59_000, SAY)];
    const fetching = answeredCall(accountSid, NOW - 58_000, { url: appUrl });
    await storage.db.insertInto('calls').values([...inline, fetching]).execute();

    await createSimulator(storage.db, 7, () => NOW).advanceTo(NOW);

    // The inline calls ended in the same batch, before the third asked its app: the app saw them ended.
    assert.deepEqual(seenByApp, ['completed', 'completed']);
    for (const call of [...inline, fetching]) assert.equal((await statusOf(call.sid)).status, 'completed', call.sid);
    await storage.db.deleteFrom('calls').where('account_sid', '=', accountSid).execute();
  });

  test('a change made to the call while its app is asked is kept when the step is stored', async () => {
    const call = answeredCall(accountSid, NOW - 55_000, { url: appUrl.replace('/voice', '/change') });
    await storage.db.insertInto('calls').values(call).execute();

    await createSimulator(storage.db, 7, () => NOW).advanceTo(NOW);

    const stored = await storage.db.selectFrom('calls').select(['status', 'status_callback']).where('sid', '=', call.sid).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'completed', status_callback: 'https://app.example.com/changed' });
    await storage.db.deleteFrom('calls').where('account_sid', '=', accountSid).execute();
  });

  test('a step that cannot be stored holds back no other, and the tick says why', async () => {
    const calls = [0, 1, 2].map((i) => answeredCall(accountSid, NOW - 50_000 + i * 1000, SAY));
    await storage.db.insertInto('calls').values(calls).execute();
    const refused = calls[1]!.sid;
    if (database.name === 'SQLite') {
      await sql.raw(`create trigger refuse_end before update of status on calls when new.sid = '${refused}' and new.status = 'completed' begin select raise(abort, 'refused by the test'); end`).execute(storage.db);
    } else {
      await sql.raw(`create function refuse_end() returns trigger language plpgsql as $$ begin if new.sid = '${refused}' and new.status = 'completed' then raise exception 'refused by the test'; end if; return new; end $$`).execute(storage.db);
      await sql.raw('create trigger refuse_end before update on calls for each row execute function refuse_end()').execute(storage.db);
    }
    try {
      await assert.rejects(createSimulator(storage.db, 7, () => NOW).advanceTo(NOW), /refused by the test/);
      assert.equal((await statusOf(calls[0]!.sid)).status, 'completed');
      assert.equal((await statusOf(calls[2]!.sid)).status, 'completed');
      // The refused call is still held by its lease: no other tick moves it twice meanwhile.
      const held = await statusOf(refused);
      assert.equal(held.status, 'in-progress');
      assert.ok(held.next_event_at! > NOW, 'leased past now');
    } finally {
      await sql.raw('drop trigger refuse_end' + (database.name === 'SQLite' ? '' : ' on calls')).execute(storage.db);
      if (database.name === 'PostgreSQL') await sql.raw('drop function refuse_end').execute(storage.db);
      await storage.db.deleteFrom('calls').where('account_sid', '=', accountSid).execute();
    }
  });

  test('a conversation that cannot run leaves the calls after it due, not leased', async () => {
    const calls = [0, 1, 2].map((i) => answeredCall(accountSid, NOW - 40_000 + i * 1000, SAY));
    calls[1]!.conversation = '{"not a conversation"';
    await storage.db.insertInto('calls').values(calls).execute();

    await assert.rejects(createSimulator(storage.db, 7, () => NOW).advanceTo(NOW), SyntaxError);
    assert.equal((await statusOf(calls[0]!.sid)).status, 'completed', 'the step made before the failure is stored');
    assert.deepEqual(await statusOf(calls[2]!.sid), { status: 'in-progress', next_event_at: calls[2]!.next_event_at }, 'due again as it was');

    // The next tick runs it; the broken one waits out its lease.
    await createSimulator(storage.db, 7, () => NOW).advanceTo(NOW);
    assert.equal((await statusOf(calls[2]!.sid)).status, 'completed');
    assert.ok((await statusOf(calls[1]!.sid)).next_event_at! > NOW);
    await storage.db.deleteFrom('calls').where('account_sid', '=', accountSid).execute();
  });
});
