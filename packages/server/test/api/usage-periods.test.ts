import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { onEachDatabase } from '../support/databases.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const NOW = Date.UTC(2025, 2, 14, 18, 0, 0);
/** Prices are exact to the millionth of a dollar; summing them as micros loses nothing. */
const micros = (price: number) => Math.round(price * 1_000_000);

onEachDatabase('Usage periods agree with each other and with the records', (database) => {
  const server = serveForSuite(database, { clock: () => NOW, simulationIntervalMs: 0 });
  let account: Account;
  let client: TwilioClient;
  let recordedMicros: number;

  before(async () => {
    const { db } = server.current.deps;
    // Created today, with 90 days of history before that (what `seed` writes).
    account = await createAccount(db, { friendlyName: 'Seeded today', type: 'Full', parentSid: null, now: NOW });
    await seedAccount(db, { accountSid: account.sid, calls: 3_000, messages: 500, days: 90, seed: 11, now: NOW });
    const rows = await db.selectFrom('usage_daily').select('price_micros').where('account_sid', '=', account.sid).execute();
    recordedMicros = rows.reduce((sum, r) => sum + Number(r.price_micros), 0);
    client = twilioClient(server.current.url, account.sid, account.auth_token);
  });

  const total = async (records: Array<{ category: string; price: number }>) =>
    records.filter((r) => r.category === 'totalprice').reduce((sum, r) => sum + micros(r.price), 0);

  test('AllTime holds every record, even history older than the account', async () => {
    assert.ok(recordedMicros > 0);
    assert.equal(await total(await client.usage.records.allTime.list({ category: 'totalprice' })), recordedMicros);
    assert.equal(await total(await client.usage.records.list({ category: 'totalprice' })), recordedMicros);
  });

  test('Daily, Monthly and Yearly add up to AllTime, and LastMonth and ThisMonth fit inside it', async () => {
    assert.equal(await total(await client.usage.records.daily.list({ category: 'totalprice' })), recordedMicros);
    assert.equal(await total(await client.usage.records.monthly.list({ category: 'totalprice' })), recordedMicros);
    assert.equal(await total(await client.usage.records.yearly.list({ category: 'totalprice' })), recordedMicros);
    const lastMonth = await total(await client.usage.records.lastMonth.list({ category: 'totalprice' }));
    const thisMonth = await total(await client.usage.records.thisMonth.list({ category: 'totalprice' }));
    assert.ok(lastMonth > 0 && thisMonth > 0);
    assert.ok(lastMonth + thisMonth <= recordedMicros);
    const february = (await client.usage.records.monthly.list({ category: 'totalprice', startDate: new Date('2025-02-01'), endDate: new Date('2025-02-28') }));
    assert.equal(await total(february), lastMonth);
  });
});
