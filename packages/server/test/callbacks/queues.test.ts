import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { startRoomApp, type RoomApp } from './room-app.ts';

onEachDatabase('Queues filled by <Enqueue> and drained by <Dial><Queue> and Members', (database) => {
  let now = Date.UTC(2025, 5, 3, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: RoomApp;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  const SUPPORT = '+14155550191';
  const AGENTS = '+14155550192';
  const IMPATIENT = '+14155550193';

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
    assert.ok(response.ok, `${path} answered ${response.status}`);
    return (await response.json()) as { sid: string };
  };
  const seen = (path: string, callSid: string) => app.seen.filter((s) => s.path === path && s.params.CallSid === callSid).map((s) => s.params);
  const supportQueue = async () => (await connect.queues.list()).find((q) => q.friendlyName === 'support')!;

  before(async () => {
    const { db } = server.current.deps;
    const developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    app = await startRoomApp(developer.auth_token);
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    for (const [number, path] of [[SUPPORT, '/queue/caller'], [AGENTS, '/queue/agent'], [IMPATIENT, '/queue/impatient']] as const) {
      await connect.incomingPhoneNumbers(await giveNumber(db, connectSid, number)).update({ voiceUrl: `${app.origin}${path}` });
    }
  });
  after(() => app.close());

  test('two callers wait in line; an agent drains the front with <Dial><Queue>; Members/Front with Url takes the next', async () => {
    const first = await control('Inbound/Calls.json', { From: '+12125550151', To: SUPPORT });
    await advance(0);
    await advance(20_000);
    const second = await control('Inbound/Calls.json', { From: '+12125550152', To: SUPPORT });
    await advance(0);
    await advance(10_000);
    assert.equal(seen('/queue/wait', first.sid)[0]!.QueuePosition, '1');
    const secondWait = seen('/queue/wait', second.sid)[0]!;
    assert.deepEqual([secondWait.QueuePosition, secondWait.CurrentQueueSize, secondWait.MaxQueueSize, secondWait.AvgQueueTime], ['2', '2', '1000', '20']);
    const queue = await supportQueue();
    assert.deepEqual([queue.currentSize, queue.averageWaitTime], [2, 20], 'waits of 30 s and 10 s');
    const members = await connect.queues(queue.sid).members.list();
    assert.deepEqual(members.map((m) => [m.callSid, m.position, m.waitTime]), [[first.sid, 1, 30], [second.sid, 2, 10]]);
    assert.equal((await connect.queues(queue.sid).members('Front').fetch()).callSid, first.sid);

    const agent = await control('Inbound/Calls.json', { From: '+12125550159', To: AGENTS });
    await advance(0);
    assert.equal((await connect.queues(queue.sid).fetch()).currentSize, 1, 'the front caller is bridged');
    await advance(3_600_000);
    const [dialled] = seen('/queue/after-dial', agent.sid);
    assert.deepEqual([dialled!.DialCallStatus, dialled!.DialCallSid, dialled!.QueueSid, dialled!.DialBridged], ['completed', first.sid, queue.sid, 'true']);
    const [left] = seen('/queue/left', first.sid);
    assert.deepEqual([left!.QueueResult, left!.QueueSid, left!.QueueTime], ['bridged', queue.sid, '30']);
    const [agentCall, firstCall] = [await connect.calls(agent.sid).fetch(), await connect.calls(first.sid).fetch()];
    assert.deepEqual([agentCall.status, firstCall.status], ['completed', 'completed']);
    assert.equal(String(agentCall.duration), dialled!.DialCallDuration, 'the agent talked for the whole bridge');

    const dequeued = await connect.queues(queue.sid).members('Front').update({ url: `${app.origin}/queue/picked` });
    assert.equal(dequeued.callSid, second.sid);
    await advance(0);
    assert.equal(seen('/queue/picked', second.sid).length, 1);
    assert.equal(seen('/queue/left', second.sid).length, 0, 'a redirected caller runs the new TwiML instead of the action');
    assert.deepEqual([(await connect.queues(queue.sid).fetch()).currentSize, (await connect.queues(queue.sid).members.list()).length], [0, 0]);
  });

  test('a caller leaves by <Leave> in the wait music, one hangs up in line, and a full queue turns the next away', async () => {
    const impatient = await control('Inbound/Calls.json', { From: '+12125550153', To: IMPATIENT });
    await advance(0);
    await advance(5000);
    assert.deepEqual(seen('/queue/left', impatient.sid).map((p) => p.QueueResult), ['leave']);

    const waiting = await control('Inbound/Calls.json', { From: '+12125550154', To: SUPPORT });
    await advance(0);
    const queue = await supportQueue();
    await connect.queues(queue.sid).update({ maxSize: 1 });
    const turnedAway = await control('Inbound/Calls.json', { From: '+12125550155', To: SUPPORT });
    await advance(0);
    assert.deepEqual(seen('/queue/left', turnedAway.sid).map((p) => [p.QueueResult, p.QueueSid]), [['queue-full', queue.sid]]);

    await advance(15_000);
    await control(`Calls/${waiting.sid}/Input.json`, { Hangup: 'true' });
    await advance(0);
    const [hungUp] = seen('/queue/left', waiting.sid);
    assert.deepEqual([hungUp!.QueueResult, hungUp!.QueueTime, hungUp!.CallStatus], ['hangup', '15', 'completed']);
    assert.equal((await connect.calls(waiting.sid).fetch()).status, 'completed');
    assert.equal((await connect.queues(queue.sid).fetch()).currentSize, 0);
  });

  test('a caller in line whose call is ended through the Calls API leaves the line', async () => {
    const caller = await control('Inbound/Calls.json', { From: '+12125550157', To: SUPPORT });
    await advance(0);
    const queue = await supportQueue();
    assert.equal(queue.currentSize, 1);
    assert.equal((await connect.calls(caller.sid).update({ status: 'completed' })).status, 'completed');
    assert.deepEqual([(await connect.queues(queue.sid).fetch()).currentSize, (await connect.queues(queue.sid).members.list()).length], [0, 0]);
  });

  test('an agent dialling an empty queue gets no-answer at once', async () => {
    const agent = await control('Inbound/Calls.json', { From: '+12125550158', To: AGENTS });
    await advance(0);
    assert.deepEqual(seen('/queue/after-dial', agent.sid).map((p) => p.DialCallStatus), ['no-answer']);
  });

  test('bad input gets Twilio errors, and a queue with callers in it is not deleted', async () => {
    const queue = await supportQueue();
    await connect.queues(queue.sid).update({ maxSize: 10 });
    assert.deepEqual(await refusal(connect.queues(queue.sid).members('Front').fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(connect.queues(queue.sid).members(`CA${'0'.repeat(32)}`).fetch()), { status: 404, code: 20404 });
    const caller = await control('Inbound/Calls.json', { From: '+12125550156', To: SUPPORT });
    await advance(0);
    assert.deepEqual(await refusal(connect.queues(queue.sid).members(caller.sid).update({ url: 'not a url' })), { status: 400, code: 21205 });
    assert.deepEqual(await refusal(connect.queues(queue.sid).remove()), { status: 400, code: 20001 });
    await connect.queues(queue.sid).members(caller.sid).update({ url: `${app.origin}/queue/picked`, method: 'POST' });
    await advance(0);
    assert.equal(seen('/queue/picked', caller.sid).length, 1);
    assert.deepEqual(await refusal(connect.queues(queue.sid).members(caller.sid).update({ url: `${app.origin}/queue/picked` })), { status: 404, code: 20404 });
    assert.equal(await connect.queues(queue.sid).remove(), true);
  });

  test('every request the app got validated with twilio.webhook()', () => {
    assert.deepEqual(app.refused, []);
  });
});
