import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

const NOW = Date.UTC(2025, 2, 14, 18, 0, 0);

onEachDatabase('Seeded call logs', (database) => {
  const server = serveForSuite(database, { clock: () => NOW, simulationIntervalMs: 0 });
  let developer: Account;
  let customer: Account;
  const progress: number[] = [];

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    customer = await makeAccount(db, 'Customer');
    await seedAccount(db, { accountSid: customer.sid, calls: 14_000, messages: 1_500, days: 30, seed: 42, now: NOW, onProgress: (kind, done) => kind === 'calls' && progress.push(done) });
  });

  test('seeding reports progress up to the total', () => {
    assert.equal(progress.at(-1), 14_000);
    assert.deepEqual([...progress].sort((a, b) => a - b), progress);
  });

  test('the calls span the requested days, follow the business day and settle in final statuses', async () => {
    const { db } = server.current.deps;
    const calls = await db.selectFrom('calls').select(['date_created', 'status', 'start_time', 'end_time']).where('account_sid', '=', customer.sid).execute();
    assert.equal(calls.length, 14_000);
    assert.ok(calls.every((c) => c.date_created > NOW - 31 * 86_400_000 && c.date_created <= NOW));
    assert.ok(calls.every((c) => c.start_time! >= c.date_created && c.end_time! >= c.start_time!));
    const business = calls.filter((c) => { const h = new Date(c.date_created).getUTCHours(); return h >= 9 && h < 18; }).length;
    assert.ok(business / calls.length > 0.55, 'most calls fall in business hours');
    assert.deepEqual(new Set(calls.map((c) => c.status)), new Set(['completed', 'busy', 'no-answer', 'failed']));
  });

  test('usage totals equal the sum of the seeded call prices', async () => {
    const { db } = server.current.deps;
    const calls = await db.selectFrom('calls').select('price').where('account_sid', '=', customer.sid).execute();
    const callMicros = calls.reduce((sum, c) => sum + Math.round(-Number(c.price ?? 0) * 1_000_000), 0);
    const usage = await db.selectFrom('usage_daily').select(['category', 'price_micros']).where('account_sid', '=', customer.sid).execute();
    const usageMicros = usage.filter((u) => u.category.startsWith('calls-')).reduce((sum, u) => sum + Number(u.price_micros), 0);
    assert.equal(usageMicros, callMicros);
  });

  test('a Connect App pages through more than 10,000 filtered calls with each() and sees every one exactly once', async () => {
    const { db } = server.current.deps;
    const app = await makeApp(db, developer, ['get-all']);
    await authorize(db, app, customer);
    const grant = await db.selectFrom('connect_grants').select('subaccount_sid').where('account_sid', '=', customer.sid).executeTakeFirstOrThrow();
    const client = twilioClient(server.current.url, grant.subaccount_sid, developer.auth_token, customer.sid);
    const expected = await db.selectFrom('calls').select('sid').where('account_sid', '=', customer.sid).where('status', '=', 'completed').execute();
    assert.ok(expected.length > 10_000, `the seed yields ${expected.length} completed calls`);
    const seen: string[] = [];
    await client.calls.each({ status: 'completed', pageSize: 1000 }, (call) => { seen.push(call.sid); });
    assert.equal(seen.length, expected.length);
    assert.equal(new Set(seen).size, expected.length);
    assert.deepEqual(new Set(seen), new Set(expected.map((c) => c.sid)));
  });

  test('the same seed writes the same history', async () => {
    const { db } = server.current.deps;
    const twin = await makeAccount(db, 'Twin');
    await seedAccount(db, { accountSid: twin.sid, calls: 200, messages: 50, days: 7, seed: 7, now: NOW });
    const other = await makeAccount(db, 'Other');
    await seedAccount(db, { accountSid: other.sid, calls: 200, messages: 50, days: 7, seed: 7, now: NOW });
    const shape = async (sid: string) =>
      (await db.selectFrom('calls').select(['to', 'status', 'duration', 'date_created']).where('account_sid', '=', sid).orderBy('date_created').orderBy('to').execute())
        .map((c) => `${c.status}|${c.duration}|${c.date_created}`);
    assert.deepEqual(await shape(twin.sid), await shape(other.sid));
  });
});
