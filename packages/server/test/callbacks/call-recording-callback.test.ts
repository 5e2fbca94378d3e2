import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { startReceiver, type Received, type Receiver } from '../support/receiver.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const signedWith = (token: string, r: Received): boolean =>
  twilio.validateRequest(token, String(r.headers['x-twilio-signature']), r.url, r.method === 'POST' ? r.form : {});

onEachDatabase("Create Call's RecordingStatusCallback", (database) => {
  let now = Date.UTC(2025, 4, 7, 10, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: Receiver;
  let owner: Account;
  let client: TwilioClient;
  const NUMBER = '+14155550170';
  const TWIML = '<Response><Say>This call is recorded for quality.</Say><Pause length="20"/></Response>';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };

  before(async () => {
    app = await startReceiver();
    owner = await makeAccount(server.current.deps.db, 'Recorder');
    await giveNumber(server.current.deps.db, owner.sid, NUMBER);
    client = twilioClient(server.current.url, owner.sid, owner.auth_token);
  });
  after(() => app.close());

  test('a recorded call that was answered reports in-progress then completed, signed, with the recording parameters', async () => {
    const calls = [];
    for (let i = 0; i < 8; i++) {
      calls.push(await client.calls.create({
        to: `+1212555013${i}`, from: NUMBER, twiml: TWIML, record: true,
        recordingStatusCallback: `${app.origin}/recording?call=${i}`, recordingStatusCallbackMethod: 'POST', recordingStatusCallbackEvent: ['in-progress', 'completed'],
      }));
    }
    for (let i = 0; i < 10; i++) await advance(60_000);
    let answered = 0;
    for (const created of calls) {
      const call = await client.calls(created.sid).fetch();
      const got = app.received.filter((r) => r.path === '/recording' && r.form.CallSid === call.sid);
      const recordings = await client.recordings.list({ callSid: call.sid });
      if (call.status !== 'completed' || Number(call.duration) === 0) {
        assert.deepEqual(got, [], `${call.status} call: nothing was recorded, so nothing is reported`);
        continue;
      }
      answered++;
      assert.equal(recordings.length, 1);
      const recording = recordings[0]!;
      assert.deepEqual(got.map((r) => r.form.RecordingStatus), ['in-progress', 'completed']);
      for (const r of got) {
        assert.ok(signedWith(owner.auth_token, r), 'validateRequest accepts it');
        assert.equal(r.method, 'POST');
        assert.equal(r.form.AccountSid, owner.sid);
        assert.equal(r.form.RecordingSid, recording.sid);
        assert.equal(r.form.RecordingUrl, `https://api.twilio.com/2010-04-01/Accounts/${owner.sid}/Recordings/${recording.sid}`);
        assert.equal(r.form.RecordingSource, 'OutboundAPI');
        assert.equal(r.form.RecordingChannels, '1');
        assert.equal(r.form.RecordingStartTime, recording.startTime.toUTCString().replace('GMT', '+0000'));
      }
      assert.equal(got[1]!.form.RecordingDuration, String(call.duration));
      assert.equal(recording.duration, call.duration);
      assert.equal(recording.source, 'OutboundAPI');
    }
    assert.ok(answered > 0, 'at least one of the calls was answered');
  });

  test('only completed by default, with GET in the signed query; none without Record=true', async () => {
    const calls = [];
    for (let i = 0; i < 6; i++) {
      calls.push(await client.calls.create({ to: `+1212555014${i}`, from: NUMBER, twiml: TWIML, record: true, recordingStatusCallback: `${app.origin}/recording-get`, recordingStatusCallbackMethod: 'GET' }));
    }
    const unrecorded = await client.calls.create({ to: '+12125550150', from: NUMBER, twiml: TWIML, recordingStatusCallback: `${app.origin}/recording-get` });
    for (let i = 0; i < 10; i++) await advance(60_000);
    const got = app.received.filter((r) => r.path === '/recording-get');
    assert.ok(got.length > 0);
    for (const r of got) {
      assert.equal(r.method, 'GET');
      assert.equal(r.query.get('RecordingStatus'), 'completed');
      assert.ok(calls.some((c) => c.sid === r.query.get('CallSid')));
      assert.ok(signedWith(owner.auth_token, r));
    }
    assert.equal(new Set(got.map((r) => r.query.get('CallSid'))).size, got.length, 'one callback per call');
    assert.equal(got.filter((r) => r.query.get('CallSid') === unrecorded.sid).length, 0);
  });
});
