import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { createRecordingForCall } from '../../src/telephony/create-recording.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const NUMBER = '+14155550184';

onEachDatabase('Tokens, message feedback, caller-ID validation and add-ons through twilio-node', (database) => {
  let now = Date.UTC(2025, 9, 1, 8, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0 });
  let user: Account;
  let client: TwilioClient;

  before(async () => {
    user = await makeAccount(server.current.deps.db, 'Customer');
    await giveNumber(server.current.deps.db, user.sid, NUMBER);
    client = twilioClient(server.current.url, user.sid, user.auth_token);
  });

  test('a token carries fresh ICE credentials and its TTL; each token has its own', async () => {
    const token = await client.tokens.create({ ttl: 3600 });
    assert.equal(token.ttl, '3600');
    assert.match(token.username, /^[0-9a-f]{64}$/);
    assert.ok(token.iceServers.length >= 2);
    assert.ok(token.iceServers.every((s) => s.username === token.username && s.credential === token.password));
    assert.ok(token.iceServers.some((s) => s.urls?.startsWith('turn:')));
    const other = await client.tokens.create();
    assert.equal(other.ttl, '86400');
    assert.notEqual(other.password, token.password);
    assert.equal((await refusal(client.tokens.create({ ttl: 0 }))).status, 400);
  });

  test('message feedback is stored per message; a later outcome replaces the earlier one', async () => {
    const message = await client.messages.create({ to: '+12125550150', from: NUMBER, body: 'Your code is 123456' });
    const first = await client.messages(message.sid).feedback.create({ outcome: 'unconfirmed' });
    assert.equal(first.outcome, 'unconfirmed');
    assert.equal(first.messageSid, message.sid);
    now += 60_000;
    const second = await client.messages(message.sid).feedback.create({ outcome: 'confirmed' });
    assert.equal(second.outcome, 'confirmed');
    assert.equal(second.dateCreated.getTime(), first.dateCreated.getTime());
    assert.ok(second.dateUpdated > first.dateUpdated);
    assert.equal((await refusal(client.messages(message.sid).feedback.create({ outcome: 'delighted' as never }))).status, 400);
    assert.equal((await refusal(client.messages('SM00000000000000000000000000000000').feedback.create({ outcome: 'confirmed' }))).status, 404);
  });

  test('a caller-ID validation request answers with a code and places no call; the number is not verified by it', async () => {
    const request = await client.validationRequests.create({ phoneNumber: '+12125550151', friendlyName: 'Front desk' });
    assert.match(request.validationCode, /^\d{6}$/);
    assert.equal(request.callSid, null);
    assert.equal(request.friendlyName, 'Front desk');
    assert.deepEqual(await client.outgoingCallerIds.list({ phoneNumber: '+12125550151' }), []);
    assert.deepEqual(await refusal(client.validationRequests.create({ phoneNumber: 'front desk' })), { status: 400, code: 21421 });
  });

  test('numbers have no assigned add-ons and recordings no add-on results; assigning an add-on finds none', async () => {
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: NUMBER });
    assert.deepEqual(await client.incomingPhoneNumbers(number!.sid).assignedAddOns.list(), []);
    assert.deepEqual(await refusal(client.incomingPhoneNumbers(number!.sid).assignedAddOns.create({ installedAddOnSid: `XB${'1'.repeat(32)}` })), { status: 404, code: 20404 });
    assert.equal((await refusal(client.incomingPhoneNumbers(number!.sid).assignedAddOns(`XE${'1'.repeat(32)}`).fetch())).status, 404);
    assert.equal((await refusal(client.incomingPhoneNumbers(`PN${'1'.repeat(32)}`).assignedAddOns.list())).status, 404);

    const call = await client.calls.create({ to: '+12125550152', from: NUMBER, twiml: '<Response><Pause length="5"/></Response>' });
    const { recordingSid } = await server.current.deps.db.transaction().execute((trx) =>
      createRecordingForCall(trx, { accountSid: user.sid, callSid: call.sid, durationSeconds: 5, at: now, transcribe: false }),
    );
    assert.deepEqual(await client.recordings(recordingSid).addOnResults.list(), []);
    assert.equal((await refusal(client.recordings(recordingSid).addOnResults(`XR${'1'.repeat(32)}`).payloads.list())).status, 404);
  });
});
