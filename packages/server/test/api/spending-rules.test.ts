import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import twilio from 'twilio';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { upsertCallerId } from '../../src/storage/repositories/outgoing-caller-ids.ts';
import { familyPriceMicros } from '../../src/storage/repositories/usage.ts';
import { recordUsage } from '../../src/telephony/record-usage.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { newSid } from '../../src/util/sid.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const NOW = Date.UTC(2025, 2, 14, 18, 0, 0);
const VERIFIED = '+14155550123';
const STRANGER = '+14155550199';
const SENDER = '+15005550006';
const TWIML = 'https://app.example.com/twiml';

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: number }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, String(error));
    return { status: error.status, code: error.code! };
  }
  assert.fail('expected the request to be refused');
}

onEachDatabase('Trial and balance rules', (database) => {
  const server = serveForSuite(database, { clock: () => NOW, simulationIntervalMs: 0 });
  const db = () => server.current.deps.db;
  const clientOf = (account: Account) => twilioClient(server.current.url, account.sid, account.auth_token);
  const verify = (account: Account, phoneNumber: string) =>
    upsertCallerId(db(), { sid: newSid('PN'), account_sid: account.sid, phone_number: phoneNumber, friendly_name: phoneNumber, date_created: NOW, date_updated: NOW });
  const countRows = async (table: 'calls' | 'messages' | 'incoming_phone_numbers', accountSid: string) =>
    (await db().selectFrom(table).select('sid').where('account_sid', '=', accountSid).execute()).length;

  let trial: Account;
  let trialClient: TwilioClient;
  let seeded: Account;
  let seededCost: number;

  before(async () => {
    // Seeded before any request: seeding holds the event loop, which would strand kept-alive sockets.
    seeded = await makeAccount(db(), 'Seeded');
    await seedAccount(db(), { accountSid: seeded.sid, calls: 2_000, messages: 200, days: 30, seed: 3, now: NOW });
    seededCost = await familyPriceMicros(db(), seeded.sid);
    trial = await makeAccount(db(), 'Trial user', 'Trial');
    trialClient = clientOf(trial);
    await verify(trial, VERIFIED);
  });

  test('a Trial account calls and texts its verified caller IDs', async () => {
    assert.equal((await trialClient.calls.create({ to: VERIFIED, from: SENDER, url: TWIML })).to, VERIFIED);
    assert.equal((await trialClient.messages.create({ to: VERIFIED, from: SENDER, body: 'hi' })).to, VERIFIED);
  });

  test('a Trial account cannot call (21219) or text (21608) an unverified number, and nothing is written', async () => {
    const [calls, messages] = [await countRows('calls', trial.sid), await countRows('messages', trial.sid)];
    assert.deepEqual(await refusal(trialClient.calls.create({ to: STRANGER, from: SENDER, url: TWIML })), { status: 400, code: 21219 });
    assert.deepEqual(await refusal(trialClient.messages.create({ to: STRANGER, from: SENDER, body: 'hi' })), { status: 400, code: 21608 });
    assert.deepEqual([await countRows('calls', trial.sid), await countRows('messages', trial.sid)], [calls, messages]);
  });

  test("a Trial account's subaccount (a Connect App's, say) may reach the numbers its parent verified, and no others", async () => {
    const developer = await makeAccount(db(), 'Developer');
    const subSid = await authorize(db(), await makeApp(db(), developer, ['post-all']), trial);
    const app = twilioClient(server.current.url, subSid, developer.auth_token);
    assert.equal((await app.messages.create({ to: VERIFIED, from: SENDER, body: 'from the app' })).accountSid, subSid);
    assert.deepEqual(await refusal(app.messages.create({ to: STRANGER, from: SENDER, body: 'no' })), { status: 400, code: 21608 });
  });

  test('a Trial account owns one number: the second purchase is 21404, also from a subaccount', async () => {
    const first = await trialClient.incomingPhoneNumbers.create({ areaCode: '415' });
    assert.match(first.sid, /^PN/);
    assert.deepEqual(await refusal(trialClient.incomingPhoneNumbers.create({ areaCode: '415' })), { status: 400, code: 21404 });
    const sub = await makeAccount(db(), 'Trial team', 'Trial', trial.sid);
    assert.deepEqual(await refusal(clientOf(sub).incomingPhoneNumbers.create({ areaCode: '415' })), { status: 400, code: 21404 });
    assert.equal(await countRows('incoming_phone_numbers', trial.sid), 1);
  });

  test('a Full account calls and texts any number and buys several', async () => {
    const full = clientOf(await makeAccount(db(), 'Full user'));
    await full.calls.create({ to: STRANGER, from: SENDER, url: TWIML });
    await full.messages.create({ to: STRANGER, from: SENDER, body: 'hi' });
    await full.incomingPhoneNumbers.create({ areaCode: '415' });
    await full.incomingPhoneNumbers.create({ areaCode: '415' });
  });

  test('an account whose balance is spent stops spending (20005), its subaccounts too, and nothing is written', async () => {
    const broke = await makeAccount(db(), 'Spent');
    const sub = await makeAccount(db(), 'Spent team', 'Full', broke.sid);
    await recordUsage(db(), { accountSid: sub.sid, category: 'calls-outbound', count: 100, usage: 1500, at: NOW }); // $21.00
    assert.equal((await clientOf(broke).balance.fetch()).balance, '-1.00');
    for (const client of [clientOf(broke), clientOf(sub)]) {
      assert.deepEqual(await refusal(client.calls.create({ to: STRANGER, from: SENDER, url: TWIML })), { status: 403, code: 20005 });
      assert.deepEqual(await refusal(client.messages.create({ to: STRANGER, from: SENDER, body: 'hi' })), { status: 403, code: 20005 });
      assert.deepEqual(await refusal(client.incomingPhoneNumbers.create({ areaCode: '415' })), { status: 403, code: 20005 });
    }
    assert.deepEqual([await countRows('calls', broke.sid), await countRows('messages', sub.sid), await countRows('incoming_phone_numbers', broke.sid)], [0, 0, 0]);
  });

  test('a number costs more than a message: a balance that pays for a message may not pay for a number', async () => {
    const low = await makeAccount(db(), 'Nearly spent');
    await recordUsage(db(), { accountSid: low.sid, category: 'calls-outbound', count: 10, usage: 1400, at: NOW }); // $19.60
    const client = clientOf(low);
    await client.messages.create({ to: STRANGER, from: SENDER, body: 'still fine' });
    assert.deepEqual(await refusal(client.incomingPhoneNumbers.create({ areaCode: '415' })), { status: 403, code: 20005 });
  });

  test('seeded history comes paid for: seeding leaves the balance where it was', async () => {
    assert.equal((await clientOf(seeded).balance.fetch()).balance, '20.00');
    assert.ok(seededCost > 0);
    await clientOf(seeded).calls.create({ to: STRANGER, from: SENDER, url: TWIML });
  });
});
