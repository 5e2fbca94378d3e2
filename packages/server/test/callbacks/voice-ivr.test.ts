import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { planCall } from '../../src/telephony/call-lifecycle.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertMatchesSpec, assertTwilioError } from '../support/spec-validator.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { startTwilioApp, type TwilioApp } from './twilio-app.ts';

onEachDatabase('An IVR written from Twilio docs answers calls', (database) => {
  let now = Date.UTC(2025, 4, 8, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: TwilioApp;
  let developer: Account;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  let numberSid: string;
  const NUMBER = '+14155550180';

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };
  const control = async (path: string, fields: Record<string, string | string[]>, username = user.sid, password = user.auth_token) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const response = await fetch(`${server.current.url}/_switchboard/Accounts/${connectSid}/${path}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  /** A destination the simulation answers when called from NUMBER at `at` (outcomes are fixed by the seed). */
  const answeredNumber = (at: number): string => {
    for (let i = 0; ; i++) {
      const to = `+1212555${String(1000 + i).padStart(4, '0')}`;
      if (planCall(server.current.deps.config.simulationSeed, to, NUMBER, at).outcome === 'completed') return to;
    }
  };
  const seenFor = (callSid: string, path: string) => app.seen.filter((s) => s.path === path && s.params.CallSid === callSid);

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    app = await startTwilioApp(developer.auth_token);
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    numberSid = await giveNumber(db, connectSid, NUMBER);
    await connect.incomingPhoneNumbers(numberSid).update({ voiceUrl: `${app.origin}/voice`, statusCallback: `${app.origin}/voice/status` });
  });
  after(() => app.close());

  test('a caller who presses 2 leaves a voicemail: Gather → action → Record, recording and transcription called back', async () => {
    const { status, body } = await control('Inbound/Calls.json', { From: '+12125550123', To: NUMBER, Digits: '2' });
    assert.equal(status, 201);
    assertMatchesSpec('GET', `/2010-04-01/Accounts/${connectSid}/Calls/${body.sid}.json`, 200, body);
    assert.equal(body.direction, 'inbound');
    await advance(0);
    const [first] = seenFor(body.sid!, '/voice');
    assert.equal(first!.params.CallStatus, 'ringing');
    assert.equal(first!.params.Direction, 'inbound');
    await advance(120_000);
    const [menu] = seenFor(body.sid!, '/voice/menu');
    assert.equal(menu!.params.Digits, '2');
    assert.equal(menu!.params.CallStatus, 'in-progress');
    const [recorded] = seenFor(body.sid!, '/voice/recorded');
    assert.match(recorded!.params.RecordingSid!, /^RE/);
    assert.equal(recorded!.params.Digits, '#');
    const recordings = await connect.recordings.list({ callSid: body.sid });
    assert.equal(recordings.length, 1);
    assert.equal(String(recordings[0]!.duration), recorded!.params.RecordingDuration);
    assert.equal(seenFor(body.sid!, '/voice/recording-status')[0]!.params.RecordingStatus, 'completed');
    assert.match(seenFor(body.sid!, '/voice/transcribed')[0]!.params.TranscriptionText!, /simulated transcription/);
    const call = await connect.calls(body.sid!).fetch();
    assert.equal(call.status, 'completed');
    assert.ok(Number(call.duration) > Number(recorded!.params.RecordingDuration), 'the call lasted as long as its TwiML took');
    const [completed] = seenFor(body.sid!, '/voice/status');
    assert.equal(completed!.params.CallStatus, 'completed');
    assert.equal(completed!.params.CallDuration, String(call.duration));
  });

  test('pressing 1 dials sales: a child leg with parent_call_sid, its own callbacks, and DialCallStatus at the action', async () => {
    const { body } = await control('Inbound/Calls.json', { From: '+12125550124', To: NUMBER, Digits: '1' });
    await advance(0);
    await advance(3_600_000);
    const [afterDial] = seenFor(body.sid!, '/voice/after-dial');
    const children = await connect.calls.list({ parentCallSid: body.sid });
    assert.equal(children.length, 1);
    const child = children[0]!;
    assert.equal(child.direction, 'outbound-dial');
    assert.equal(child.to, '+12125550111');
    assert.equal(afterDial!.params.DialCallSid, child.sid);
    assert.equal(afterDial!.params.DialCallStatus, child.status === 'completed' ? 'completed' : child.status);
    assert.equal(afterDial!.params.DialCallDuration, String(child.status === 'completed' ? child.duration : 0));
    const legEvents = app.seen.filter((s) => s.path === '/voice/leg-status' && s.params.CallSid === child.sid);
    assert.equal(legEvents[0]!.params.CallStatus, 'initiated');
    assert.ok(legEvents.every((e) => e.params.ParentCallSid === body.sid && e.params.Direction === 'outbound-dial'));
    assert.equal(legEvents.at(-1)!.params.CallStatus, child.status);
  });

  test('a caller who enters nothing hears the fall-through and is hung up on; one who hangs up early ends the call there', async () => {
    const silent = (await control('Inbound/Calls.json', { From: '+12125550125', To: NUMBER })).body;
    await advance(0);
    await advance(60_000);
    assert.equal(seenFor(silent.sid!, '/voice/menu').length, 0);
    assert.equal((await connect.calls(silent.sid!).fetch()).status, 'completed');
    const quitter = (await control('Inbound/Calls.json', { From: '+12125550126', To: NUMBER, HangupAfter: '3' })).body;
    await advance(0);
    await advance(60_000);
    const ended = await connect.calls(quitter.sid!).fetch();
    assert.equal(ended.status, 'completed');
    assert.equal(String(ended.duration), '3');
    // Hanging up while the menu waits for a key (its prompt ends after about 8 s) ends the call there too.
    const waiting = (await control('Inbound/Calls.json', { From: '+12125550132', To: NUMBER, HangupAfter: '10' })).body;
    await advance(0);
    await advance(60_000);
    assert.equal(String((await connect.calls(waiting.sid!).fetch()).duration), '10');
  });

  test('live input completes a waiting Gather of an outbound call', async () => {
    const to = answeredNumber(now);
    const call = await connect.calls.create({ to, from: NUMBER, url: `${app.origin}/voice`, statusCallback: `${app.origin}/voice/status` });
    let live = false;
    for (let i = 0; i < 70 && !live; i++) {
      await advance(1000);
      live = (await connect.calls(call.sid).fetch()).status === 'in-progress';
    }
    assert.ok(live, 'the call was answered');
    const input = await control(`Calls/${call.sid}/Input.json`, { Digits: '3' });
    assert.equal(input.status, 200);
    await advance(1000);
    const [menu] = seenFor(call.sid, '/voice/menu');
    assert.equal(menu!.params.Digits, '3');
    assert.equal(menu!.params.Direction, 'outbound-api');
    await advance(60_000);
    assert.equal((await connect.calls(call.sid).fetch()).status, 'completed');
    const texts = (await connect.messages.list({ from: NUMBER, to })).filter((m) => m.direction === 'outbound-call');
    assert.equal(texts[0]!.body, 'Our hours: 9 to 5, Monday to Friday.');
  });

  test('<Sms action> during a call requests the action with SmsSid and SmsStatus, and the call goes on with its TwiML', async () => {
    const { body } = await control('Inbound/Calls.json', { From: '+12125550132', To: NUMBER, Digits: '4' });
    await advance(0);
    await advance(60_000);
    const [texted] = seenFor(body.sid!, '/voice/texted');
    assert.equal(texted!.params.SmsStatus, 'sending');
    const text = await connect.messages(texted!.params.SmsSid!).fetch();
    assert.equal(text.body, 'Rossum, 1 Main Street.');
    assert.equal(text.to, '+12125550132');
    const steps = await server.current.deps.db.selectFrom('calls').select('conversation').where('sid', '=', body.sid!).executeTakeFirstOrThrow();
    assert.match(steps.conversation!, /We have texted you our address/);
    assert.doesNotMatch(steps.conversation!, /Never said/);
    assert.equal((await connect.calls(body.sid!).fetch()).status, 'completed');
  });

  test('the same caller doing the same thing at the same instant gets the same conversation (deterministic)', async () => {
    const first = (await control('Inbound/Calls.json', { From: '+12125550133', To: NUMBER, Digits: '2' })).body;
    const second = (await control('Inbound/Calls.json', { From: '+12125550133', To: NUMBER, Digits: '2' })).body;
    await advance(0);
    await advance(120_000);
    const { db } = server.current.deps;
    const steps = async (sid: string) => JSON.parse((await db.selectFrom('calls').select('conversation').where('sid', '=', sid).executeTakeFirstOrThrow()).conversation!).steps;
    const recorded = await steps(first.sid!);
    assert.ok(recorded.some((s: { verb: string }) => s.verb === 'Record'));
    assert.deepEqual(await steps(second.sid!), recorded);
    const [a, b] = await Promise.all([connect.calls(first.sid!).fetch(), connect.calls(second.sid!).fetch()]);
    assert.equal(a.duration, b.duration);
  });

  test('Hangup=true from the far end ends a live call at once', async () => {
    const { body } = await control('Inbound/Calls.json', { From: '+12125550130', To: NUMBER });
    await advance(0);
    await advance(2000);
    assert.equal((await connect.calls(body.sid!).fetch()).status, 'in-progress');
    assert.equal((await control(`Calls/${body.sid}/Input.json`, { Hangup: 'true' })).status, 200);
    await advance(0);
    const ended = await connect.calls(body.sid!).fetch();
    assert.equal(ended.status, 'completed');
    assert.equal(String(ended.duration), '2');
  });

  test('Call Events list each request made to the app with its answer, in order', async () => {
    const { body } = await control('Inbound/Calls.json', { From: '+12125550131', To: NUMBER, Digits: '3' });
    await advance(0);
    await advance(60_000);
    const events = await connect.calls(body.sid!).events.list();
    const urls = events.map((e) => (e.request as { url: string }).url);
    assert.deepEqual(urls, [`${app.origin}/voice`, `${app.origin}/voice/menu`, `${app.origin}/voice/status`]);
    const menu = events[1]!;
    assert.equal((menu.request as { parameters: Record<string, string> }).parameters.digits, '3');
    assert.equal((menu.response as { response_code: number }).response_code, 200);
    assert.match((menu.response as { response_body: string }).response_body, /<Say>We are open/);
  });

  test('invalid TwiML is Notification 12100 on the call and the fallback URL runs', async () => {
    const call = await connect.calls.create({ to: answeredNumber(now), from: NUMBER, url: `${app.origin}/voice/broken`, fallbackUrl: `${app.origin}/voice/fallback` });
    await advance(3_600_000);
    const [fallback] = seenFor(call.sid, '/voice/fallback');
    assert.equal(fallback!.params.ErrorCode, '12100');
    const notifications = await connect.calls(call.sid).notifications.list();
    assert.equal(notifications[0]!.errorCode, '12100');
    assert.equal(notifications[0]!.requestUrl, `${app.origin}/voice/broken`);
    const events = await connect.calls(call.sid).events.list();
    assert.ok(events.some((e) => (e.request as { url: string }).url === `${app.origin}/voice/fallback`));
  });

  test('Connect credentials may not act as the caller (403 / 20006); a call the account does not own is 404', async () => {
    const denied = await control('Inbound/Calls.json', { From: '+12125550129', To: NUMBER }, connectSid, developer.auth_token);
    assertTwilioError(denied.status, denied.body);
    assert.deepEqual([denied.status, Number(denied.body.code)], [403, 20006]);
    const missing = await control(`Calls/CA${'0'.repeat(32)}/Input.json`, { Digits: '1' });
    assert.equal(missing.status, 404);
  });

  test('every request the IVR got validated with twilio.webhook()', () => {
    assert.deepEqual(app.refused, []);
  });
});
