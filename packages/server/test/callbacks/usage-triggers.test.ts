import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { startTwilioApp, type TwilioApp } from './twilio-app.ts';

const DAY = 86_400_000;

onEachDatabase('Usage triggers that fire', (database) => {
  let now = Date.UTC(2025, 6, 14, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: TwilioApp;
  let developer: Account;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  const NUMBER = '+14155550171';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };
  const fired = () => app.seen.filter((s) => s.path === '/usage/trigger');
  const text = (body: string) => connect.messages.create({ to: '+12125550142', from: NUMBER, body });

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    app = await startTwilioApp(developer.auth_token);
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    await giveNumber(db, connectSid, NUMBER);
  });
  after(() => app.close());

  test('a daily trigger on sms fires once, signed, when the count reaches its value, and again the next day', async () => {
    const trigger = await connect.usage.triggers.create({
      callbackUrl: `${app.origin}/usage/trigger`, triggerValue: '2', usageCategory: 'sms', recurring: 'daily', triggerBy: 'count', friendlyName: 'Two texts a day',
    });
    assert.match(trigger.sid, /^UT[0-9a-f]{32}$/);
    assert.equal(trigger.currentValue, '0');
    assert.equal(trigger.dateFired, null);

    await text('one');
    await advance(10_000);
    assert.equal(fired().length, 0);
    assert.equal((await connect.usage.triggers(trigger.sid).fetch()).currentValue, '1');

    await text('two');
    await text('three');
    await advance(10_000);
    assert.equal(fired().length, 1, 'fires once, though the value went past it');
    const [call] = fired();
    assert.equal(app.refused.length, 0, 'signed with the developer\'s token');
    const day = new Date(now).toISOString().slice(0, 10);
    assert.deepEqual(
      { ...call!.params, DateFired: undefined },
      {
        AccountSid: connectSid, UsageTriggerSid: trigger.sid, DateFired: undefined, Recurring: 'daily', UsageCategory: 'sms', TriggerBy: 'count',
        TriggerValue: '2', CurrentValue: '2',
        UsageRecordUri: `/2010-04-01/Accounts/${connectSid}/Usage/Records/Daily.json?Category=sms&StartDate=${day}&EndDate=${day}`,
        IdempotencyToken: `${connectSid}-FIRES-${trigger.sid}-${day}`,
      },
    );
    const after = await connect.usage.triggers(trigger.sid).fetch();
    assert.equal(after.currentValue, '3');
    assert.ok(after.dateFired instanceof Date);
    assert.equal(call!.params.DateFired, new Date(after.dateFired).toUTCString().replace('GMT', '+0000'));

    await advance(DAY);
    await text('four');
    await advance(10_000);
    assert.equal(fired().length, 1, 'a new day starts from zero');
    await text('five');
    await advance(10_000);
    assert.equal(fired().length, 2);
    await connect.usage.triggers(trigger.sid).remove();
  });

  test('an alltime trigger by price fires once ever; +N sets the value relative to now', async () => {
    const trigger = await connect.usage.triggers.create({ callbackUrl: `${app.origin}/usage/trigger`, triggerValue: '+0.01', usageCategory: 'totalprice', triggerBy: 'price' });
    assert.equal(trigger.recurring, 'alltime');
    const start = Number(trigger.currentValue);
    assert.ok(start > 0, 'earlier texts already cost something');
    assert.equal(Number(trigger.triggerValue), Number((start + 0.01).toFixed(6)));
    const before = fired().length;
    await text('six');
    await advance(10_000);
    assert.equal(fired().length, before, 'one text costs less than a cent');
    await text('seven');
    await advance(10_000);
    assert.equal(fired().length, before + 1);
    assert.equal(fired().at(-1)!.params.UsageTriggerSid, trigger.sid);
    await text('eight');
    await advance(DAY * 40);
    assert.equal(fired().length, before + 1);
  });

  test('triggers are listed with their filters, renamed, and deleted', async () => {
    const a = await connect.usage.triggers.create({ callbackUrl: `${app.origin}/usage/trigger`, triggerValue: '100', usageCategory: 'calls', recurring: 'monthly' });
    await connect.usage.triggers.create({ callbackUrl: `${app.origin}/usage/trigger`, triggerValue: '100', usageCategory: 'calls-inbound', recurring: 'yearly' });
    const monthly = await connect.usage.triggers.list({ recurring: 'monthly' });
    assert.deepEqual(monthly.map((t) => t.sid), [a.sid]);
    const renamed = await connect.usage.triggers(a.sid).update({ friendlyName: 'Calls this month', callbackMethod: 'GET' });
    assert.equal(renamed.friendlyName, 'Calls this month');
    assert.equal(renamed.callbackMethod, 'GET');
    assert.equal(await connect.usage.triggers(a.sid).remove(), true);
    assert.deepEqual(await refusal(connect.usage.triggers(a.sid).fetch()), { status: 404, code: 20404 });
  });

  test('bad input is refused in Twilio\'s shape and nothing is stored', async () => {
    const base = { callbackUrl: `${app.origin}/usage/trigger`, triggerValue: '1', usageCategory: 'sms' };
    const count = (await connect.usage.triggers.list()).length;
    for (const bad of [{ usageCategory: 'bitcoin-mining' }, { triggerValue: 'lots' }, { callbackUrl: 'ftp://example.com' }, { recurring: 'hourly' }, { triggerBy: 'weight' }, { callbackMethod: 'PUT' }]) {
      const { status } = await refusal(connect.usage.triggers.create({ ...base, ...bad } as never));
      assert.equal(status, 400, JSON.stringify(bad));
    }
    assert.equal((await connect.usage.triggers.list()).length, count);
    const other = twilioClient(server.current.url, user.sid, user.auth_token);
    const mine = await connect.usage.triggers.create(base);
    assert.deepEqual(await refusal(other.usage.triggers(mine.sid).fetch()), { status: 404, code: 20404 });
  });
});
