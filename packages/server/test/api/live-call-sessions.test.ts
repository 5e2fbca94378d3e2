import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const HOLD = '<Response><Pause length="600"/></Response>';
const NUMBER = '+14155550183';

onEachDatabase('What apps start on a live call, through twilio-node', (database) => {
  let now = Date.UTC(2025, 8, 1, 12, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0 });
  let user: Account;
  let client: TwilioClient;

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
  };
  /** A call someone answered: the simulation's callees sometimes do not, so it tries the next one. */
  const liveCall = async () => {
    for (let callee = 100; callee < 200; callee++) {
      const call = await client.calls.create({ to: `+12125550${callee}`, from: NUMBER, twiml: HOLD });
      await advance(25_000);
      if ((await client.calls(call.sid).fetch()).status === 'in-progress') return call.sid;
    }
    throw new Error('no callee answered');
  };

  before(async () => {
    user = await makeAccount(server.current.deps.db, 'Customer');
    await giveNumber(server.current.deps.db, user.sid, NUMBER);
    client = twilioClient(server.current.url, user.sid, user.auth_token);
  });

  test('streams, SIPREC sessions and transcriptions start in progress and stop by SID or name, or when the call ends', async () => {
    const callSid = await liveCall();
    const stream = await client.calls(callSid).streams.create({ url: 'wss://media.example.com/in', name: 'agent-assist', track: 'both_tracks', 'parameter1.name': 'lang', 'parameter1.value': 'en' } as never);
    assert.match(stream.sid, /^MZ[0-9a-f]{32}$/);
    assert.equal(stream.status, 'in-progress');
    const stopped = await client.calls(callSid).streams('agent-assist').update({ status: 'stopped' });
    assert.equal(stopped.sid, stream.sid);
    assert.equal(stopped.status, 'stopped');

    const siprec = await client.calls(callSid).siprec.create({ connectorName: 'recorder' });
    assert.match(siprec.sid, /^SR[0-9a-f]{32}$/);
    const transcription = await client.calls(callSid).transcriptions.create({ languageCode: 'en-US' });
    assert.match(transcription.sid, /^GT[0-9a-f]{32}$/);
    assert.equal((await client.calls(callSid).siprec(siprec.sid).update({ status: 'stopped' })).status, 'stopped');

    await client.calls(callSid).update({ status: 'completed' });
    assert.equal((await client.calls(callSid).transcriptions(transcription.sid).update({ status: 'stopped' })).status, 'stopped');
  });

  test('nothing starts on a call that is not in progress, and bad input is refused', async () => {
    const queued = await client.calls.create({ to: '+12125550200', from: NUMBER, twiml: HOLD });
    assert.deepEqual(await refusal(client.calls(queued.sid).streams.create({ url: 'wss://media.example.com/in' })), { status: 400, code: 21220 });
    const callSid = await liveCall();
    assert.equal((await refusal(client.calls(callSid).streams.create({ url: 'https://not-a-websocket.example.com' }))).status, 400);
    assert.equal((await refusal(client.calls(callSid).streams('MZ00000000000000000000000000000000').update({ status: 'stopped' }))).status, 404);
    assert.equal((await refusal(client.calls(callSid).userDefinedMessages.create({ content: 'not json' }))).status, 400);
    await client.calls(callSid).update({ status: 'completed' });
    await client.calls(queued.sid).update({ status: 'canceled' });
  });

  test('a payment session takes captures, then completes; a finished one cannot change', async () => {
    const callSid = await liveCall();
    const payment = await client.calls(callSid).payments.create({ idempotencyKey: 'order-1', statusCallback: 'https://app.example.com/pay', chargeAmount: 10 });
    assert.match(payment.sid, /^PK[0-9a-f]{32}$/);
    await client.calls(callSid).payments(payment.sid).update({ idempotencyKey: 'order-1-a', statusCallback: 'https://app.example.com/pay', capture: 'payment-card-number' });
    await client.calls(callSid).payments(payment.sid).update({ idempotencyKey: 'order-1-b', statusCallback: 'https://app.example.com/pay', status: 'complete' });
    const again = await refusal(client.calls(callSid).payments(payment.sid).update({ idempotencyKey: 'order-1-c', statusCallback: 'https://app.example.com/pay', status: 'cancel' }));
    assert.equal(again.status, 400);
    const row = await server.current.deps.db.selectFrom('call_sessions').selectAll().where('sid', '=', payment.sid).executeTakeFirstOrThrow();
    assert.equal(row.status, 'complete');
    assert.deepEqual(JSON.parse(row.settings).captures, ['payment-card-number']);
    await client.calls(callSid).update({ status: 'completed' });
  });

  test('a recording started on a live call pauses, resumes, and is completed and billed when the call ends', async () => {
    const callSid = await liveCall();
    const recording = await client.calls(callSid).recordings.create({ recordingChannels: 'dual' });
    assert.equal(recording.status, 'in-progress');
    assert.equal(recording.source, 'StartCallRecordingAPI');
    assert.equal((await client.calls(callSid).recordings(recording.sid).update({ status: 'paused' })).status, 'paused');
    assert.equal((await client.calls(callSid).recordings(recording.sid).update({ status: 'in-progress' })).status, 'in-progress');
    await advance(90_000);
    await client.calls(callSid).update({ status: 'completed' });
    const done = await client.recordings(recording.sid).fetch();
    assert.equal(done.status, 'completed');
    assert.equal(done.duration, '90');
    assert.equal(done.price, '-0.00500');
    assert.equal((await refusal(client.calls(callSid).recordings(recording.sid).update({ status: 'paused' }))).status, 400);
  });

  test('user-defined message subscriptions are stored and deleted; messages are accepted', async () => {
    const callSid = await liveCall();
    const subscription = await client.calls(callSid).userDefinedMessageSubscriptions.create({ callback: 'https://app.example.com/udm' });
    assert.match(subscription.sid, /^ZY[0-9a-f]{32}$/);
    const message = await client.calls(callSid).userDefinedMessages.create({ content: JSON.stringify({ step: 2 }) });
    assert.match(message.sid, /^KX[0-9a-f]{32}$/);
    assert.equal(await client.calls(callSid).userDefinedMessageSubscriptions(subscription.sid).remove(), true);
    assert.equal((await refusal(client.calls(callSid).userDefinedMessageSubscriptions(subscription.sid).remove())).status, 404);
    await client.calls(callSid).update({ status: 'completed' });
  });
});
