import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { createRecordingForCall } from '../../src/telephony/create-recording.ts';
import { recordUsage } from '../../src/telephony/record-usage.ts';
import type { UsageCategory } from '../../src/telephony/usage-categories.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/** The server's today: Friday 2024-03-15, noon UTC. */
const NOW = Date.UTC(2024, 2, 15, 12, 0, 0);
const on = (iso: string) => Date.parse(`${iso}T10:00:00Z`);

type Row = { category: string; count: string; usage: string; price: number; startDate: Date; endDate: Date };
const day = (d: Date) => d.toISOString().slice(0, 10);
const summary = (rows: Row[]) => rows.map((r) => [r.category, day(r.startDate), day(r.endDate), r.count, r.usage, r.price]);

/** A day as twilio-node sends a Date filter (YYYY-MM-DD); `verbatim` sends text as it is (Twilio's -30days form, or nonsense). */
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const verbatim = (relative: string) => relative as unknown as Date;

/** Dollars as millionths, exactly, from a balance string. */
const micros = (balance: string) => {
  const [whole, fraction = ''] = balance.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
};

onEachDatabase('Usage records and balance through twilio-node', (database) => {
  const server = serveForSuite(database, { clock: () => NOW, simulationIntervalMs: 0 });
  let user: Account;
  let sub: Account;
  let other: Account;
  let developer: Account;
  let owner: TwilioClient;

  const db = () => server.current.deps.db;
  const use = (account: Account | string, category: UsageCategory, iso: string, count: number, usage: number) =>
    recordUsage(db(), { accountSid: typeof account === 'string' ? account : account.sid, category, count, usage, at: on(iso) });

  before(async () => {
    user = await makeAccount(db(), 'Customer');
    sub = await makeAccount(db(), 'Customer team', 'Full', user.sid);
    other = await makeAccount(db(), 'Someone else');
    developer = await makeAccount(db(), 'Developer');
    owner = twilioClient(server.current.url, user.sid, user.auth_token);
    await use(user, 'calls-inbound', '2024-01-20', 1, 2); // 0.017
    await use(user, 'phonenumbers-local', '2024-02-10', 1, 1); // 1.15
    await use(user, 'sms-outbound', '2024-03-14', 3, 3); // 0.0237
    await use(user, 'calls-outbound', '2024-03-15', 2, 5); // 0.07
    await use(sub, 'calls-outbound', '2024-03-15', 1, 1); // 0.014
    await use(sub, 'sms-inbound', '2024-03-01', 4, 4); // 0.0316
    await use(other, 'calls-outbound', '2024-03-15', 9, 90);
  });

  test('the list has one all-time record for every category, unused ones at zero, in name order', async () => {
    const records = await owner.usage.records.list();
    assert.deepEqual(records.map((r) => r.category), [
      'calls', 'calls-inbound', 'calls-outbound', 'phonenumbers', 'phonenumbers-local', 'phonenumbers-mobile',
      'phonenumbers-tollfree', 'recordings', 'sms', 'sms-inbound', 'sms-outbound', 'totalprice', 'transcriptions',
    ]);
    assert.ok(records.every((r) => day(r.startDate) === '2024-01-01' && day(r.endDate) === '2024-03-15'), 'from account creation to today');
    const byName = Object.fromEntries(records.map((r) => [r.category, r]));
    const inbound = byName['calls-inbound']!;
    assert.deepEqual([inbound.count, inbound.countUnit, inbound.usage, inbound.usageUnit, inbound.price, inbound.priceUnit], ['1', 'calls', '2', 'minutes', 0.017, 'usd']);
    assert.equal(inbound.description, 'Voice Minutes Inbound');
    assert.equal(inbound.asOf, '2024-03-15T12:00:00+00:00');
    assert.equal(inbound.accountSid, user.sid);
    assert.equal(inbound.uri, `/2010-04-01/Accounts/${user.sid}/Usage/Records.json?Category=calls-inbound&StartDate=2024-01-01&EndDate=2024-03-15`);
    assert.equal(inbound.subresourceUris.daily, `/2010-04-01/Accounts/${user.sid}/Usage/Records/Daily.json?Category=calls-inbound`);
    assert.deepEqual(Object.keys(inbound.subresourceUris).sort(), ['all_time', 'daily', 'last_month', 'monthly', 'this_month', 'today', 'yearly', 'yesterday']);
    const unused = byName.transcriptions!;
    assert.deepEqual([unused.count, unused.usage, unused.price], ['0', '0', 0]);
  });

  test("roll-ups sum their leaves, totalprice sums every price, and subaccounts' usage is included by default", async () => {
    const byName = Object.fromEntries((await owner.usage.records.list()).map((r) => [r.category, r]));
    assert.deepEqual([byName.calls!.count, byName.calls!.usage, byName.calls!.price], ['4', '8', 0.101]);
    assert.deepEqual([byName['calls-outbound']!.count, byName['calls-outbound']!.usage], ['3', '6']);
    assert.deepEqual([byName.sms!.count, byName.sms!.usage, byName.sms!.price], ['7', '7', 0.0553]);
    assert.deepEqual([byName.phonenumbers!.count, byName.phonenumbers!.price], ['1', 1.15]);
    const total = byName.totalprice!;
    assert.deepEqual([total.count, total.countUnit, total.usage, total.usageUnit, total.price], ['0', '', '1.3063', 'usd', 1.3063]);
  });

  test("IncludeSubaccounts=false leaves subaccounts out, and a subaccount's records are its own", async () => {
    const own = Object.fromEntries((await owner.usage.records.list({ includeSubaccounts: false })).map((r) => [r.category, r]));
    assert.deepEqual([own.calls!.count, own.sms!.count, own.totalprice!.price], ['3', '3', 1.2607]);
    const parentOnSub = twilioClient(server.current.url, user.sid, user.auth_token, sub.sid);
    const subs = Object.fromEntries((await parentOnSub.usage.records.list()).map((r) => [r.category, r]));
    assert.equal(subs.calls!.accountSid, sub.sid);
    assert.deepEqual([subs.calls!.count, subs.sms!.count, subs.totalprice!.price], ['1', '4', 0.0456]);
    const otherRecords = await twilioClient(server.current.url, other.sid, other.auth_token).usage.records.list({ category: 'calls' });
    assert.deepEqual(otherRecords.map((r) => r.count), ['9'], 'another account sees only its own usage');
  });

  test('Daily lists every category on every day of the range, used or not', async () => {
    const sms = await owner.usage.records.daily.list({ category: 'sms', startDate: date('2024-03-13'), endDate: date('2024-03-15') });
    assert.deepEqual(summary(sms), [
      ['sms', '2024-03-13', '2024-03-13', '0', '0', 0],
      ['sms', '2024-03-14', '2024-03-14', '3', '3', 0.0237],
      ['sms', '2024-03-15', '2024-03-15', '0', '0', 0],
    ]);
    assert.equal(sms[1]!.uri, `/2010-04-01/Accounts/${user.sid}/Usage/Records/Daily.json?Category=sms&StartDate=2024-03-14&EndDate=2024-03-14`);
    const all = await owner.usage.records.daily.list({ startDate: date('2024-03-14'), endDate: date('2024-03-15') });
    assert.equal(all.length, 2 * 13);
    assert.deepEqual(all.slice(0, 13).map((r) => day(r.startDate)), Array(13).fill('2024-03-14'));
    assert.equal(all.find((r) => r.category === 'calls' && day(r.startDate) === '2024-03-15')!.count, '3');
  });

  test('Monthly and Yearly cut the range into calendar months and years, clipped to it', async () => {
    assert.deepEqual(summary(await owner.usage.records.monthly.list({ category: 'calls' })), [
      ['calls', '2024-01-01', '2024-01-31', '1', '2', 0.017],
      ['calls', '2024-02-01', '2024-02-29', '0', '0', 0],
      ['calls', '2024-03-01', '2024-03-15', '3', '6', 0.084],
    ]);
    assert.deepEqual(summary(await owner.usage.records.monthly.list({ category: 'phonenumbers-local', startDate: date('2024-02-10'), endDate: date('2024-02-20') })), [
      ['phonenumbers-local', '2024-02-10', '2024-02-20', '1', '1', 1.15],
    ]);
    assert.deepEqual(summary(await owner.usage.records.yearly.list({ category: 'totalprice', startDate: date('2023-12-01') })), [
      ['totalprice', '2023-12-01', '2023-12-31', '0', '0', 0],
      ['totalprice', '2024-01-01', '2024-03-15', '0', '1.3063', 1.3063],
    ]);
  });

  test('ThisMonth, LastMonth, Today and Yesterday each cover their one period; AllTime matches the plain list', async () => {
    const records = owner.usage.records;
    assert.deepEqual(summary(await records.thisMonth.list({ category: 'calls' })), [['calls', '2024-03-01', '2024-03-15', '3', '6', 0.084]]);
    assert.deepEqual(summary(await records.lastMonth.list({ category: 'phonenumbers' })), [['phonenumbers', '2024-02-01', '2024-02-29', '1', '1', 1.15]]);
    assert.deepEqual(summary(await records.today.list({ category: 'sms' })), [['sms', '2024-03-15', '2024-03-15', '0', '0', 0]]);
    assert.deepEqual(summary(await records.yesterday.list({ category: 'sms-outbound' })), [['sms-outbound', '2024-03-14', '2024-03-14', '3', '3', 0.0237]]);
    assert.deepEqual(summary(await records.allTime.list()), summary(await records.list()));
    assert.equal((await records.today.list()).length, 13);
  });

  test('StartDate and EndDate narrow fixed periods and accept offsets from today', async () => {
    const records = owner.usage.records;
    assert.deepEqual(summary(await records.list({ category: 'sms', startDate: verbatim('-1days') })), [['sms', '2024-03-14', '2024-03-15', '3', '3', 0.0237]]);
    assert.deepEqual(summary(await records.list({ category: 'sms', startDate: verbatim('-30days'), endDate: verbatim('-1days') })), [['sms', '2024-02-14', '2024-03-14', '7', '7', 0.0553]]);
    assert.deepEqual(summary(await records.thisMonth.list({ category: 'calls', startDate: date('2024-03-10') })), [['calls', '2024-03-10', '2024-03-15', '3', '6', 0.084]]);
    assert.deepEqual(await records.thisMonth.list({ category: 'calls', endDate: date('2024-02-01') }), [], 'a range outside the period lists nothing');
  });

  test('a bad date, an unknown category, a start after the end or a bad flag is a Twilio 400', async () => {
    const records = owner.usage.records;
    for (const params of [
      { startDate: verbatim('2024-02-30') },
      { endDate: verbatim('soon') },
      { startDate: date('2024-03-10'), endDate: date('2024-03-01') },
      { category: 'calleridlookups' },
      { includeSubaccounts: 'yes' as unknown as boolean },
      { pageSize: 1, pageToken: 'PAbm90LWEtdG9rZW4' },
    ]) {
      await assert.rejects(records.daily.page(params as never), { status: 400, code: 20001 }, JSON.stringify(params));
    }
    await assert.rejects(records.page({ pageToken: `PA${Buffer.from('3.CA00').toString('base64url')}` }), { status: 400, code: 20001 }, "another list's token");
  });

  test('paging through daily records visits each day and category exactly once, forwards and back', async () => {
    const listed = await owner.usage.records.daily.list({ startDate: date('2024-03-01'), endDate: date('2024-03-15'), pageSize: 7 });
    assert.equal(listed.length, 15 * 13);
    assert.equal(new Set(listed.map((r) => `${day(r.startDate)} ${r.category}`)).size, 15 * 13);
    const first = await owner.usage.records.daily.page({ startDate: date('2024-03-01'), endDate: date('2024-03-15'), pageSize: 20 });
    assert.match(first.nextPageUrl!, /StartDate=2024-03-01&EndDate=2024-03-15&PageSize=20&Page=1&PageToken=PA/);
    const second = await first.nextPage();
    assert.deepEqual(summary(second!.instances)[0], summary(listed)[20]);
    const back = await second!.previousPage();
    assert.deepEqual(summary(back!.instances), summary(first.instances));
    let last = second!;
    while (last.nextPageUrl) last = (await last.nextPage())!;
    assert.equal(last.instances.length, (15 * 13) % 20);
  });

  test("the balance is the starting credit less every price in the family, and subaccounts share the top account's", async () => {
    const balance = await owner.balance.fetch();
    assert.deepEqual([balance.accountSid, balance.balance, balance.currency], [user.sid, '18.6937', 'USD']);
    const parentOnSub = twilioClient(server.current.url, user.sid, user.auth_token, sub.sid);
    const shared = await parentOnSub.balance.fetch();
    assert.deepEqual([shared.accountSid, shared.balance], [sub.sid, '18.6937']);
    const own = await twilioClient(server.current.url, sub.sid, sub.auth_token).balance.fetch();
    assert.equal(own.balance, '18.6937');
  });

  test('a Trial account starts with $15.50 and a Full one with $20.00', async () => {
    const trial = await makeAccount(db(), 'Trial', 'Trial');
    const full = await makeAccount(db(), 'Fresh');
    assert.equal((await twilioClient(server.current.url, trial.sid, trial.auth_token).balance.fetch()).balance, '15.50');
    assert.equal((await twilioClient(server.current.url, full.sid, full.auth_token).balance.fetch()).balance, '20.00');
  });

  test("a subaccount's recording lowers the shared balance by exactly its price and shows in today's usage", async () => {
    const before = micros((await owner.balance.fetch()).balance);
    const todayBefore = Object.fromEntries((await owner.usage.records.today.list()).map((r) => [r.category, r]));
    await createRecordingForCall(db(), { accountSid: sub.sid, callSid: `CA${'1'.repeat(32)}`, durationSeconds: 61, at: NOW - 1000, transcribe: true });
    const after = micros((await owner.balance.fetch()).balance);
    assert.equal(before - after, 2 * 2_500 + 2 * 50_000, 'two minutes of recording and of transcription');
    const today = Object.fromEntries((await owner.usage.records.today.list()).map((r) => [r.category, r]));
    assert.equal(Number(today.recordings!.count) - Number(todayBefore.recordings!.count), 1);
    assert.equal(Number(today.transcriptions!.usage) - Number(todayBefore.transcriptions!.usage), 2);
    assert.equal(Math.round((today.totalprice!.price - todayBefore.totalprice!.price) * 1e6), 105_000);
  });

  test("Connect get-all reads the user's usage and balance across the family; revoked, it gets 20006", async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Usage Reader');
    const connectSid = await authorize(db(), app, user);
    const onUser = twilioClient(server.current.url, connectSid, developer.auth_token, user.sid);
    const onSub = twilioClient(server.current.url, connectSid, developer.auth_token, sub.sid);
    const mine = summary(await owner.usage.records.monthly.list({ category: 'calls' }));
    assert.deepEqual(summary(await onUser.usage.records.monthly.list({ category: 'calls' })), mine);
    assert.equal((await onUser.balance.fetch()).balance, (await owner.balance.fetch()).balance);
    assert.equal((await onSub.balance.fetch()).accountSid, sub.sid);
    assert.equal((await onSub.usage.records.list({ category: 'sms' }))[0]!.count, '4');
    await assert.rejects(twilioClient(server.current.url, connectSid, developer.auth_token, other.sid).balance.fetch(), { status: 401, code: 20003 }, 'outside the family');

    await revokeAccess(db(), { connectAppSid: app.sid, accountSid: user.sid, now: nextInstant() });
    await assert.rejects(onUser.usage.records.list(), { status: 403, code: 20006 });
    await assert.rejects(onUser.balance.fetch(), { status: 403, code: 20006 });
  });

  test("Connect post-all reads only its own subaccount's usage, and the user pays for it, not the developer", async () => {
    const app = await makeApp(db(), developer, ['post-all'], 'Dialer');
    const connectSid = await authorize(db(), app, user);
    const connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    const userBefore = micros((await owner.balance.fetch()).balance);
    const developerClient = twilioClient(server.current.url, developer.sid, developer.auth_token);
    const developerBefore = (await developerClient.balance.fetch()).balance;

    await use(connectSid, 'calls-outbound', '2024-03-15', 1, 3);
    const own = await connect.usage.records.today.list({ category: 'calls-outbound' });
    assert.deepEqual(own.map((r) => [r.accountSid, r.count, r.usage]), [[connectSid, '1', '3']]);
    assert.equal(userBefore - micros((await connect.balance.fetch()).balance), 42_000, 'the Connect subaccount spends from its user\'s balance');
    assert.equal(userBefore - micros((await owner.balance.fetch()).balance), 42_000);
    assert.equal((await developerClient.balance.fetch()).balance, developerBefore, 'the developer pays nothing');

    const onUser = twilioClient(server.current.url, connectSid, developer.auth_token, user.sid);
    await assert.rejects(onUser.usage.records.list(), { status: 403, code: 20006 });
    await assert.rejects(onUser.balance.fetch(), { status: 403, code: 20006 });
  });

  test('other methods on usage and balance answer 405 with code 20004', async () => {
    for (const path of ['Usage/Records.json', 'Usage/Records/Daily.json', 'Balance.json']) {
      const response = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/${path}`, {
        method: 'DELETE',
        headers: { authorization: `Basic ${Buffer.from(`${user.sid}:${user.auth_token}`).toString('base64')}` },
      });
      assert.equal(response.status, 405, path);
      assert.equal((await response.json()).code, 20004);
    }
  });
});
