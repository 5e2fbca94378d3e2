import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { fund, giveNumber, makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { settlesAt } from '../../src/telephony/message-lifecycle.ts';
import { newOutboundMessage } from '../../src/telephony/new-message.ts';
import { observedMessage } from '../../src/telephony/observed-message.ts';

// A message that nothing observes on its way is stored once as created and once as settled; every
// reader in between sees each step at its instant, as if each had been written.
onEachDatabase('Messages that nothing observes', (database) => {
  // Half a second before midnight: the first message is sent on the next day.
  let now = Date.UTC(2025, 6, 9, 23, 59, 59, 500);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0 });
  const NUMBER = '+13125550170';
  let account: Account;
  let client: TwilioClient;

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
  };
  const stored = (sid: string) => server.current.deps.db.selectFrom('messages').selectAll().where('sid', '=', sid).executeTakeFirstOrThrow();
  // The API's dates are to the second.
  const second = (ms: number) => Math.floor(ms / 1000) * 1000;
  const billed = async (accountSid = account.sid) => {
    const rows = await server.current.deps.db.selectFrom('usage_daily').selectAll().where('account_sid', '=', accountSid).where('category', '=', 'sms-outbound').execute();
    return rows.reduce((sum, row) => sum + Number(row.usage), 0);
  };

  before(async () => {
    const { db } = server.current.deps;
    account = await makeAccount(db, 'Unobserved');
    await giveNumber(db, account.sid, NUMBER);
    await fund(db, account.sid, 100);
    client = twilioClient(server.current.url, account.sid, account.auth_token);
  });

  test('its row stays as created until it settles, while the API shows each step with its date, send date and price', async () => {
    const created = now;
    const message = await client.messages.create({ to: '+12125550100', from: NUMBER, body: 'Nobody watches' });
    assert.deepEqual([message.status, message.dateSent, message.price], ['queued', null, null]);
    const row = await stored(message.sid);
    assert.equal(row.unobserved, 1);
    assert.equal(row.next_event_at, created + 2000);
    const usageBefore = await billed();

    await advance(300);
    const sending = await client.messages(message.sid).fetch();
    assert.equal(sending.status, 'sending');
    assert.equal(sending.dateUpdated.getTime(), second(created + 200));
    assert.equal(sending.price, null);
    assert.equal(sending.dateSent, null);

    await advance(500);
    const sent = await client.messages(message.sid).fetch();
    assert.equal(sent.status, 'sent');
    assert.equal(sent.dateSent.getTime(), second(created + 700));
    assert.equal(sent.price, '-0.00790');
    const listed = (await client.messages.list({ limit: 20 })).find((m) => m.sid === message.sid);
    assert.equal(listed?.status, 'sent');
    // The send date filters see it sent on the day it was sent: the day after it was created.
    const listedOn = async (filter: Record<string, Date>) => (await client.messages.list(filter)).some((m) => m.sid === message.sid);
    const sentOn = new Date(created + 700);
    assert.ok(await listedOn({ dateSent: sentOn }));
    assert.ok(await listedOn({ dateSentAfter: sentOn }));
    assert.ok(!(await listedOn({ dateSent: new Date(created) })));
    assert.ok(!(await listedOn({ dateSentBefore: new Date(created) })));
    // Stored with the instant it will be sent: not listed as sent before that instant.
    now = created + 600;
    assert.ok(!(await listedOn({ dateSent: sentOn })));
    now = created + 800;

    const midway = await stored(message.sid);
    assert.deepEqual([midway.status, midway.price, midway.date_sent, midway.date_updated], ['queued', null, created + 700, created]);
    assert.equal(await billed(), usageBefore, 'billed when it settles, not before');

    await advance(5000);
    const settled = await stored(message.sid);
    assert.ok(['delivered', 'undelivered'].includes(settled.status));
    assert.deepEqual([settled.next_event_at, settled.date_sent, settled.date_updated, settled.price], [null, created + 700, created + 2000, '-0.00790']);
    const read = await client.messages(message.sid).fetch();
    assert.equal(read.status, settled.status);
    assert.equal(read.dateUpdated.getTime(), second(created + 2000));
    assert.equal(await billed(), usageBefore + 1);
    const days = await server.current.deps.db.selectFrom('usage_daily').select('day').where('account_sid', '=', account.sid).where('category', '=', 'sms-outbound').execute();
    assert.deepEqual(days.map((d) => d.day), ['2025-07-10'], 'billed on the day it was sent');
  });

  test('one with a StatusCallback is written at each step', async () => {
    const message = await client.messages.create({ to: '+12125550101', from: NUMBER, body: 'Watched', statusCallback: 'https://app.example.com/status' });
    assert.equal((await stored(message.sid)).unobserved, 0);
    await advance(300);
    assert.equal((await stored(message.sid)).status, 'sending');
    await advance(5000);
  });

  test('deleting one that has settled on the clock but not yet in its row bills it first', async () => {
    const message = await client.messages.create({ to: '+12125550102', from: NUMBER, body: 'Gone' });
    const usageBefore = await billed();
    now += 2500;
    assert.notEqual((await client.messages(message.sid).fetch()).status, 'sent');
    assert.equal(await client.messages(message.sid).remove(), true);
    assert.equal(await billed(), usageBefore + 1);
    await advance(0);
    assert.equal(await billed(), usageBefore + 1, 'billed once');
  });

  test('a usage trigger created while one is on its way bills what was sent and watches the rest of its way', async () => {
    const created = now;
    const message = await client.messages.create({ to: '+12125550103', from: NUMBER, body: 'Then watched' });
    const usageBefore = await billed();
    now += 800;
    await client.usage.triggers.create({ callbackUrl: 'https://app.example.com/usage', triggerValue: '+1000', usageCategory: 'sms' });
    const row = await stored(message.sid);
    assert.deepEqual([row.unobserved, row.status, row.date_sent, row.next_event_at], [0, 'sent', created + 700, created + 2000]);
    assert.equal(await billed(), usageBefore + 1);
    // Messages sent from now on are watched from the start.
    const next = await client.messages.create({ to: '+12125550104', from: NUMBER, body: 'Watched from the start' });
    assert.equal((await stored(next.sid)).unobserved, 0);
    await advance(5000);
    assert.equal(await billed(), usageBefore + 2);
  });

  test('settling writes what readers saw: each outcome and segment count', async () => {
    const { db } = server.current.deps;
    // An account no usage trigger watches.
    const quiet = await makeAccount(db, 'Quiet');
    const created = now;
    const rows = (['delivered', 'undelivered', 'failed'] as const).flatMap((outcome) => [1, 2, 7].map((segments) => {
      const { message } = newOutboundMessage(1, { accountSid: quiet.sid, to: '+12125550109', from: NUMBER, body: 'x', mediaUrls: [], direction: 'outbound-api', statusCallback: null, usageWatched: false }, created);
      return { ...message, outcome, num_segments: segments, next_event_at: settlesAt({ date_created: created, outcome }), date_sent: outcome === 'failed' ? null : created + 700 };
    }));
    await db.insertInto('messages').values(rows).execute();
    const seen = rows.map((row) => observedMessage(row, created + 5000));
    await advance(5000);
    for (const [i, row] of rows.entries()) {
      const settled = await stored(row.sid);
      const pick = (m: typeof settled) => [m.status, m.date_sent, m.error_code, m.error_message, m.price, m.date_updated];
      assert.deepEqual(pick(settled), pick(seen[i]!), `${row.outcome}, ${row.num_segments} segments`);
      assert.equal(settled.next_event_at, null);
    }
    // Delivered and undelivered ones are billed by segment; failed ones are not.
    assert.equal(await billed(quiet.sid), 2 * (1 + 2 + 7));
  });
});
