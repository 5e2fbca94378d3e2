import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { planCall } from '../../src/telephony/call-lifecycle.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { startRoomApp, type RoomApp } from './room-app.ts';

onEachDatabase('Conferences made by <Dial><Conference> and the Participants API', (database) => {
  let now = Date.UTC(2025, 5, 2, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: RoomApp;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  const CALLERS = '+14155550181';
  const HOST = '+14155550182';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };
  const control = async (path: string, fields: Record<string, string>) => {
    const response = await fetch(`${server.current.url}/_switchboard/Accounts/${connectSid}/${path}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${user.sid}:${user.auth_token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    assert.equal(response.status, response.url.endsWith('Input.json') ? 200 : 201);
    return (await response.json()) as { sid: string };
  };
  const events = (conferenceSid: string) => app.seen.filter((s) => s.path === '/conference/events' && s.params.ConferenceSid === conferenceSid).map((s) => s.params);
  const answeredNumber = (at: number): string => {
    for (let i = 0; ; i++) {
      const to = `+1212555${String(2000 + i).padStart(4, '0')}`;
      if (planCall(server.current.deps.config.simulationSeed, to, CALLERS, at).outcome === 'completed') return to;
    }
  };

  before(async () => {
    const { db } = server.current.deps;
    const developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    app = await startRoomApp(developer.auth_token);
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    for (const [number, path] of [[CALLERS, '/conference/caller'], [HOST, '/conference/host']] as const) {
      await connect.incomingPhoneNumbers(await giveNumber(db, connectSid, number)).update({ voiceUrl: `${app.origin}${path}` });
    }
  });
  after(() => app.close());

  test('a caller waits for the host, the host starts it, hangs up and ends it: callbacks in order, the caller goes on to the Dial action', async () => {
    const caller = await control('Inbound/Calls.json', { From: '+12125550141', To: CALLERS });
    await advance(0);
    const [conference] = await connect.conferences.list({ friendlyName: 'Standup', status: 'init' });
    assert.ok(conference, 'the first caller made the conference, not started yet');
    const wait = app.seen.find((s) => s.path === '/conference/wait' && s.params.CallSid === caller.sid);
    assert.equal(wait!.params.ConferenceSid, conference.sid);

    await advance(5000);
    const host = await control('Inbound/Calls.json', { From: '+12125550142', To: HOST });
    await advance(0);
    assert.equal((await connect.conferences(conference.sid).fetch()).status, 'in-progress');
    const participants = await connect.conferences(conference.sid).participants.list();
    assert.deepEqual(participants.map((p) => [p.callSid, p.startConferenceOnEnter, p.endConferenceOnExit, p.status]), [
      [caller.sid, false, false, 'connected'],
      [host.sid, true, true, 'connected'],
    ]);

    await advance(30_000);
    await control(`Calls/${host.sid}/Input.json`, { Hangup: 'true' });
    await advance(0);
    await advance(10_000);
    const ended = await connect.conferences(conference.sid).fetch();
    assert.deepEqual([ended.status, ended.reasonConferenceEnded, ended.callSidEndingConference], ['completed', 'participant-with-end-conference-on-exit-left', host.sid]);
    assert.deepEqual(await connect.conferences(conference.sid).participants.list(), []);

    const got = events(conference.sid);
    assert.deepEqual(got.map((e) => [e.StatusCallbackEvent, e.CallSid ?? null, e.SequenceNumber]), [
      ['participant-join', caller.sid, '0'],
      ['participant-join', host.sid, '1'],
      ['conference-start', null, '2'],
      ['participant-leave', host.sid, '3'],
      ['participant-leave', caller.sid, '4'],
      ['conference-end', null, '5'],
    ]);
    assert.deepEqual([got[1]!.StartConferenceOnEnter, got[1]!.EndConferenceOnExit, got[1]!.Muted, got[1]!.Hold, got[1]!.Coaching], ['true', 'true', 'false', 'false', 'false']);
    assert.equal(got[5]!.ReasonConferenceEnded, 'participant-with-end-conference-on-exit-left');
    assert.equal(got[5]!.CallSidEndingConference, host.sid);
    assert.ok(got.every((e) => e.FriendlyName === 'Standup' && e.AccountSid === connectSid && /\+0000$/.test(e.Timestamp!)));

    const afterDial = app.seen.find((s) => s.path === '/conference/after' && s.params.CallSid === caller.sid);
    assert.equal(afterDial!.params.DialCallStatus, 'answered');
    const [callerCall, hostCall] = [await connect.calls(caller.sid).fetch(), await connect.calls(host.sid).fetch()];
    assert.deepEqual([callerCall.status, hostCall.status], ['completed', 'completed']);
    assert.equal(String(hostCall.duration), '30');
    assert.ok(Number(callerCall.duration) > 35, 'the caller stayed until the end, then heard the goodbye');
  });

  test('the Participants API adds a call to the room, mutes, holds and removes it; Status=completed ends the conference', async () => {
    const caller = await control('Inbound/Calls.json', { From: '+12125550143', To: CALLERS });
    await advance(0);
    const [conference] = await connect.conferences.list({ friendlyName: 'Standup', status: 'init' });
    const to = answeredNumber(now);
    const added = await connect.conferences(conference!.sid).participants.create({ from: CALLERS, to, startConferenceOnEnter: true, label: 'coach', conferenceRecord: 'record-from-start', statusCallback: `${app.origin}/status` });
    assert.deepEqual([added.status, added.label, added.startConferenceOnEnter, added.conferenceSid], ['queued', 'coach', true, conference!.sid]);
    for (let i = 0; i < 70 && (await connect.conferences(conference!.sid).fetch()).status === 'init'; i++) await advance(1000);
    assert.equal((await connect.conferences(conference!.sid).fetch()).status, 'in-progress', 'the added call answered and started the conference');
    const call = await connect.calls(added.callSid).fetch();
    assert.deepEqual([call.direction, call.to, call.status], ['outbound-api', to, 'in-progress']);

    const muted = await connect.conferences(conference!.sid).participants(added.callSid).update({ muted: true, hold: true });
    assert.deepEqual([muted.muted, muted.hold, muted.label], [true, true, 'coach']);
    assert.deepEqual((await connect.conferences(conference!.sid).participants.list({ muted: true })).map((p) => p.callSid), [added.callSid]);
    assert.deepEqual((await connect.conferences(conference!.sid).participants.list({ hold: false })).map((p) => p.callSid), [caller.sid]);
    await connect.conferences(conference!.sid).participants(added.callSid).update({ muted: false });
    assert.equal(await connect.conferences(conference!.sid).participants(added.callSid).remove(), true);
    await advance(0);
    await advance(1000);
    assert.equal((await connect.calls(added.callSid).fetch()).status, 'completed', 'a removed call with nothing more to do ends');
    assert.equal((await connect.conferences(conference!.sid).fetch()).status, 'in-progress', 'one caller is still in');

    const closed = await connect.conferences(conference!.sid).update({ status: 'completed' });
    assert.deepEqual([closed.status, closed.reasonConferenceEnded], ['completed', 'conference-ended-via-api']);
    await advance(0);
    await advance(10_000);
    assert.equal(app.seen.find((s) => s.path === '/conference/after' && s.params.CallSid === caller.sid)!.params.DialCallStatus, 'answered');
    const got = events(conference!.sid).map((e) => `${e.StatusCallbackEvent}${e.CallSid === added.callSid ? ' (added)' : ''}`);
    assert.deepEqual(got, [
      'participant-join', 'participant-join (added)', 'conference-start', 'participant-mute (added)', 'participant-hold (added)', 'participant-unmute (added)',
      'participant-leave (added)', 'participant-leave', 'conference-end',
    ]);
  });

  test('a conference recorded from its start has its recording once it ends: listed, filtered, fetched, deleted', async () => {
    const [conference] = (await connect.conferences.list({ status: 'completed' })).filter((c) => c.reasonConferenceEnded === 'conference-ended-via-api');
    const recordings = await connect.conferences(conference!.sid).recordings.list();
    assert.equal(recordings.length, 1);
    const [recording] = recordings;
    assert.deepEqual([recording!.conferenceSid, recording!.source, recording!.status], [conference!.sid, 'Conference', 'completed']);
    const lasted = Math.round((conference!.dateUpdated.getTime() - recording!.startTime.getTime()) / 1000);
    assert.equal(String(recording!.duration), String(lasted), 'recorded from the start to the end');
    assert.deepEqual((await connect.recordings.list({ conferenceSid: conference!.sid })).map((r) => r.sid), [recording!.sid]);
    assert.equal((await connect.conferences(conference!.sid).recordings(recording!.sid).fetch()).sid, recording!.sid);
    assert.deepEqual(await refusal(connect.conferences(conference!.sid).recordings(recording!.sid).update({ status: 'paused' })), { status: 400, code: 21220 });
    assert.equal(await connect.conferences(conference!.sid).recordings(recording!.sid).remove(), true);
    assert.deepEqual(await connect.conferences(conference!.sid).recordings.list(), []);
    assert.deepEqual(await refusal(connect.conferences(conference!.sid).recordings(recording!.sid).fetch()), { status: 404, code: 20404 });
  });

  test('bad input gets Twilio errors: unknown rooms and participants are 404, an ended conference takes nobody, flags must be booleans, coaching is refused', async () => {
    const missing = `CF${'0'.repeat(32)}`;
    assert.deepEqual(await refusal(connect.conferences(missing).fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(connect.conferences(missing).participants.list()), { status: 404, code: 20404 });
    const [ended] = await connect.conferences.list({ status: 'completed', pageSize: 1 });
    assert.deepEqual(await refusal(connect.conferences(ended!.sid).participants.create({ from: CALLERS, to: '+12125550199' })), { status: 400, code: 21220 });
    assert.deepEqual(await refusal(connect.conferences(ended!.sid).participants(`CA${'0'.repeat(32)}`).fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(connect.conferences(ended!.sid).participants.create({ from: CALLERS, to: '+12125550199', coaching: true })), { status: 400, code: 20001 });
    assert.deepEqual(await refusal(connect.conferences(ended!.sid).update({ status: 'completed' })), { status: 400, code: 21220 });
    assert.deepEqual(await refusal(connect.conferences.list({ status: 'over' as 'init' })), { status: 400, code: 20001 });
    assert.deepEqual(await refusal(connect.conferences(ended!.sid).participants.list({ muted: 'maybe' as never })), { status: 400, code: 20001 });
  });

  test('conferences are listed by their filters', async () => {
    const all = await connect.conferences.list();
    assert.equal(all.length, 2);
    assert.equal((await connect.conferences.list({ dateCreated: new Date(Date.UTC(2025, 5, 2)) })).length, 2);
    assert.equal((await connect.conferences.list({ dateCreated: new Date(Date.UTC(2025, 5, 3)) })).length, 0);
    assert.equal((await connect.conferences.list({ friendlyName: 'Other' })).length, 0);
    assert.equal((await connect.conferences.list({ status: 'in-progress' })).length, 0);
  });

  test('every request the app got validated with twilio.webhook()', () => {
    assert.deepEqual(app.refused, []);
  });
});
