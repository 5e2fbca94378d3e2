import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import type { Database } from '../../src/storage/schema.ts';
import { createRecordingForCall, placeholderTranscript } from '../../src/telephony/create-recording.ts';
import { newSid } from '../../src/util/sid.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const MINUTE = 60_000;

/** A finished call row, which call-scoped paths need; recordings themselves come from createRecordingForCall. */
async function insertCall(db: Kysely<Database>, accountSid: string, endedAt: number): Promise<string> {
  const sid = newSid('CA');
  await db
    .insertInto('calls')
    .values({
      sid, account_sid: accountSid, parent_call_sid: null, to: '+14155550100', from: '+14155550199', phone_number_sid: null,
      status: 'completed', direction: 'outbound-api', start_time: endedAt - 5 * MINUTE, end_time: endedAt, duration: 300,
      price: '-0.07000', answered_by: null, caller_name: null, forwarded_from: null, queue_time: 0, url: null, method: null,
      twiml: '<Response/>', application_sid: null, status_callback: null, status_callback_method: null, status_callback_events: 'completed', fallback_url: null, fallback_method: null, conversation: null, record: 1,
      outcome: 'completed', ring_seconds: 0, talk_seconds: 300, next_event_at: null, date_created: endedAt - 5 * MINUTE, date_updated: endedAt,
    })
    .execute();
  return sid;
}

const basic = (username: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` });

onEachDatabase('Recordings and transcriptions through twilio-node', (database) => {
  const server = serveForSuite(database, { simulationIntervalMs: 0 });
  let user: Account;
  let sub: Account;
  let stranger: Account;
  let developer: Account;
  let owner: TwilioClient;
  let callSid: string;
  /** 75 s on 2024-05-10, transcribed. */
  let mainSid: string;
  let mainTranscriptionSid: string;

  const db = () => server.current.deps.db;
  const record = (accountSid: string, call: string, at: number, durationSeconds = 30, transcribe = false) =>
    createRecordingForCall(db(), { accountSid, callSid: call, durationSeconds, at, transcribe });

  before(async () => {
    user = await makeAccount(db(), 'Customer');
    sub = await makeAccount(db(), 'Customer team', 'Full', user.sid);
    stranger = await makeAccount(db(), 'Stranger');
    developer = await makeAccount(db(), 'Developer');
    owner = twilioClient(server.current.url, user.sid, user.auth_token);
    const at = Date.UTC(2024, 4, 10, 9, 30, 0);
    callSid = await insertCall(db(), user.sid, at);
    const made = await db().transaction().execute((trx) =>
      createRecordingForCall(trx, { accountSid: user.sid, callSid, durationSeconds: 75, at, transcribe: true }),
    );
    mainSid = made.recordingSid;
    mainTranscriptionSid = made.transcriptionSid!;
  });

  test('a call recording is fetched with every Twilio field, priced per started minute', async () => {
    const r = await owner.recordings(mainSid).fetch();
    assert.equal(r.sid, mainSid);
    assert.equal(r.accountSid, user.sid);
    assert.equal(r.callSid, callSid);
    assert.equal(r.conferenceSid, null);
    assert.equal(r.duration, '75');
    assert.equal(r.price, '-0.00500', 'two started minutes at $0.0025');
    assert.equal(r.priceUnit, 'USD');
    assert.equal(r.status, 'completed');
    assert.equal(r.source, 'OutboundAPI');
    assert.equal(r.channels, 1);
    assert.equal(r.apiVersion, '2010-04-01');
    assert.deepEqual(r.startTime, new Date(Date.UTC(2024, 4, 10, 9, 28, 45)));
    assert.deepEqual(r.dateUpdated, new Date(Date.UTC(2024, 4, 10, 9, 30, 0)));
    assert.equal(r.mediaUrl, `${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}`);
    assert.equal(r.subresourceUris.transcriptions, `/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}/Transcriptions.json`);
    assert.equal(r.uri, `/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}.json`);
  });

  test('the media URL serves WAV as it is and with .wav, and MP3 with .mp3, as long as the recording\'s duration', async () => {
    const { mediaUrl } = await owner.recordings(mainSid).fetch();
    for (const url of [mediaUrl, `${mediaUrl}.wav`]) {
      const response = await fetch(url, { headers: basic(user.sid, user.auth_token) });
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('content-type'), 'audio/x-wav');
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF');
      assert.equal(bytes.length, 44 + 75 * 8000 * 2, 'a 75 s recording plays 75 s of 8 kHz 16-bit audio');
      assert.equal(response.headers.get('content-length'), String(bytes.length));
    }
    const mp3 = await fetch(`${mediaUrl}.mp3`, { headers: basic(user.sid, user.auth_token) });
    assert.equal(mp3.status, 200);
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    const mp3Bytes = Buffer.from(await mp3.arrayBuffer());
    assert.deepEqual([...mp3Bytes.subarray(0, 2)], [0xff, 0xfb]);
    assert.equal(Math.ceil(75 / (1152 / 32000)) * 144, mp3Bytes.length, '75 s of 32 kbps MP3 frames');
  });

  test('the media needs the same credentials as the API: none or another account\'s are 401', async () => {
    const { mediaUrl } = await owner.recordings(mainSid).fetch();
    for (const headers of [{}, basic(stranger.sid, stranger.auth_token), basic(user.sid, stranger.auth_token)]) {
      const response = await fetch(mediaUrl, { headers });
      assert.equal(response.status, 401);
      assert.equal((await response.json()).code, 20003);
    }
    const other = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}.ogg`, { headers: basic(user.sid, user.auth_token) });
    assert.equal(other.status, 404);
  });

  test('the account list holds the recording; CallSid, ConferenceSid and DateCreated filter it', async () => {
    const secondCall = await insertCall(db(), user.sid, Date.UTC(2024, 4, 12, 10, 0, 0));
    const early = await record(user.sid, secondCall, Date.UTC(2024, 4, 12, 10, 0, 0));
    const late = await record(user.sid, secondCall, Date.UTC(2024, 4, 14, 10, 0, 0));
    const sids = async (params: Parameters<TwilioClient['recordings']['list']>[0]) => (await owner.recordings.list(params)).map((r) => r.sid);

    assert.deepEqual(await sids({ callSid: secondCall }), [late.recordingSid, early.recordingSid], 'newest first');
    assert.deepEqual(await sids({ callSid: callSid }), [mainSid]);
    assert.deepEqual(await sids({ conferenceSid: `CF${'0'.repeat(32)}` }), [], 'the simulation has no conferences');
    assert.deepEqual(await sids({ callSid: secondCall, dateCreated: new Date(Date.UTC(2024, 4, 12)) }), [early.recordingSid]);
    assert.deepEqual(await sids({ callSid: secondCall, dateCreatedAfter: new Date(Date.UTC(2024, 4, 13)) }), [late.recordingSid]);
    assert.deepEqual(await sids({ callSid: secondCall, dateCreatedBefore: new Date(Date.UTC(2024, 4, 13)) }), [early.recordingSid]);
    assert.ok((await sids({})).includes(mainSid));
  });

  test('a malformed CallSid, ConferenceSid, date or flag is a Twilio 400, never a 500', async () => {
    const bad: Array<Parameters<TwilioClient['recordings']['list']>[0]> = [
      { callSid: 'CA123' },
      { conferenceSid: 'nope' },
      { dateCreated: 'last tuesday' as unknown as Date },
      { includeSoftDeleted: 'maybe' as unknown as boolean },
    ];
    for (const params of bad) await assert.rejects(owner.recordings.list(params), { status: 400, code: 20001 }, JSON.stringify(params));
    await assert.rejects(owner.recordings.page({ pageToken: 'PAnotatoken' }), { status: 400, code: 20001 });
    const unknown = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings.json?Since=2024-01-01`, { headers: basic(user.sid, user.auth_token) });
    assert.equal(unknown.status, 400);
  });

  test('paging through recordings visits each exactly once, forwards and back', async () => {
    const pagingCall = await insertCall(db(), sub.sid, Date.UTC(2024, 5, 1));
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await record(sub.sid, pagingCall, Date.UTC(2024, 5, 1) + i * MINUTE)).recordingSid);
    const parentOnSub = twilioClient(server.current.url, user.sid, user.auth_token, sub.sid);
    const listed = await parentOnSub.recordings.list({ pageSize: 3 });
    assert.deepEqual(listed.map((r) => r.sid), [...made].reverse());
    const first = await parentOnSub.recordings.page({ pageSize: 3 });
    const second = await first.nextPage();
    const third = await second!.nextPage();
    assert.equal(third!.instances.length, 1);
    assert.equal(await third!.nextPage(), undefined);
    assert.deepEqual((await second!.previousPage())!.instances.map((r) => r.sid), first.instances.map((r) => r.sid));
  });

  test('malformed, unknown and other accounts\' recording SIDs are 404', async () => {
    const strangerCall = await insertCall(db(), stranger.sid, Date.UTC(2024, 4, 20));
    const foreign = await record(stranger.sid, strangerCall, Date.UTC(2024, 4, 20));
    const subCall = await insertCall(db(), sub.sid, Date.UTC(2024, 4, 21));
    const subRecording = await record(sub.sid, subCall, Date.UTC(2024, 4, 21));
    for (const sid of ['RE123', `RE${'z'.repeat(32)}`, `CA${'0'.repeat(32)}`, `RE${'0'.repeat(32)}`, foreign.recordingSid, subRecording.recordingSid]) {
      await assert.rejects(owner.recordings(sid).fetch(), { status: 404, code: 20404 }, sid);
      await assert.rejects(owner.recordings(sid).remove(), { status: 404, code: 20404 }, sid);
    }
    const parentOnSub = twilioClient(server.current.url, user.sid, user.auth_token, sub.sid);
    assert.equal((await parentOnSub.recordings(subRecording.recordingSid).fetch()).accountSid, sub.sid, 'the parent reaches it through the subaccount');
    const media = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings/${foreign.recordingSid}.mp3`, { headers: basic(user.sid, user.auth_token) });
    assert.equal(media.status, 404);
  });

  test('deleting a recording hides it and its audio; IncludeSoftDeleted shows it as deleted', async () => {
    const deleteCall = await insertCall(db(), user.sid, Date.UTC(2024, 4, 25));
    const { recordingSid } = await record(user.sid, deleteCall, Date.UTC(2024, 4, 25));
    const { mediaUrl } = await owner.recordings(recordingSid).fetch();
    assert.equal(await owner.recordings(recordingSid).remove(), true);
    await assert.rejects(owner.recordings(recordingSid).fetch(), { status: 404, code: 20404 });
    await assert.rejects(owner.recordings(recordingSid).remove(), { status: 404, code: 20404 });
    assert.equal((await fetch(mediaUrl, { headers: basic(user.sid, user.auth_token) })).status, 404);

    const kept = await owner.recordings(recordingSid).fetch({ includeSoftDeleted: true });
    assert.equal(kept.status, 'deleted');
    assert.equal(kept.mediaUrl, null);
    assert.deepEqual((await owner.recordings.list({ callSid: deleteCall })).map((r) => r.sid), []);
    assert.deepEqual((await owner.recordings.list({ callSid: deleteCall, includeSoftDeleted: true })).map((r) => [r.sid, r.status]), [[recordingSid, 'deleted']]);
    assert.deepEqual((await owner.calls(deleteCall).recordings.list()).map((r) => r.sid), []);
  });

  test("a call's recordings are listed, fetched and deleted under the call, in the call-recording shape", async () => {
    const call = await insertCall(db(), user.sid, Date.UTC(2024, 6, 1));
    const otherCall = await insertCall(db(), user.sid, Date.UTC(2024, 6, 2));
    const a = await record(user.sid, call, Date.UTC(2024, 6, 1), 130);
    const b = await record(user.sid, call, Date.UTC(2024, 6, 3), 10);
    const elsewhere = await record(user.sid, otherCall, Date.UTC(2024, 6, 2));

    const listed = await owner.calls(call).recordings.list();
    assert.deepEqual(listed.map((r) => r.sid), [b.recordingSid, a.recordingSid]);
    const fetched = await owner.calls(call).recordings(a.recordingSid).fetch();
    assert.equal(fetched.price, -0.0075, 'the call-recording schema types price as a number');
    assert.equal(fetched.track, 'both');
    assert.equal(fetched.duration, '130');
    assert.deepEqual((await owner.calls(call).recordings.list({ dateCreatedAfter: new Date(Date.UTC(2024, 6, 2)) })).map((r) => r.sid), [b.recordingSid]);

    await assert.rejects(owner.calls(call).recordings(elsewhere.recordingSid).fetch(), { status: 404, code: 20404 });
    await assert.rejects(owner.calls(`CA${'0'.repeat(32)}`).recordings.list(), { status: 404, code: 20404 });
    await assert.rejects(owner.calls('CA1').recordings(a.recordingSid).fetch(), { status: 404, code: 20404 });

    assert.equal(await owner.calls(call).recordings(b.recordingSid).remove(), true);
    assert.deepEqual((await owner.calls(call).recordings.list()).map((r) => r.sid), [a.recordingSid]);
    await assert.rejects(owner.recordings(b.recordingSid).fetch(), { status: 404 });
  });

  test('no recording starts on a call that is over, a finished recording cannot be paused, and an account\'s recording takes no POST', async () => {
    await assert.rejects(owner.calls(callSid).recordings.create(), { status: 400, code: 21220 });
    await assert.rejects(owner.calls(callSid).recordings(mainSid).update({ status: 'paused' }), { status: 400, code: 20001 });
    const post = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}.json`, { method: 'POST', headers: basic(user.sid, user.auth_token) });
    assert.equal(post.status, 405);
    assert.equal((await post.json()).code, 20004);
  });

  test('a transcription is listed for the account and for its recording, and fetched through both', async () => {
    const expected = placeholderTranscript(75);
    const all = await owner.transcriptions.list();
    assert.ok(all.some((t) => t.sid === mainTranscriptionSid));
    const underRecording = await owner.recordings(mainSid).transcriptions.list();
    assert.deepEqual(underRecording.map((t) => t.sid), [mainTranscriptionSid]);

    for (const t of [await owner.transcriptions(mainTranscriptionSid).fetch(), await owner.recordings(mainSid).transcriptions(mainTranscriptionSid).fetch()]) {
      assert.equal(t.recordingSid, mainSid);
      assert.equal(t.transcriptionText, expected);
      assert.equal(t.status, 'completed');
      assert.equal(t.type, 'fast');
      assert.equal(t.duration, '75');
      assert.equal(t.price, -0.1, 'two started minutes at $0.05');
      assert.equal(t.uri, `/2010-04-01/Accounts/${user.sid}/Transcriptions/${mainTranscriptionSid}.json`);
    }
  });

  test('transcriptions page, and are 404 under the wrong recording, account or a malformed SID', async () => {
    const call = await insertCall(db(), sub.sid, Date.UTC(2024, 7, 1));
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await record(sub.sid, call, Date.UTC(2024, 7, 1) + i * MINUTE, 20, true)).transcriptionSid!);
    const parentOnSub = twilioClient(server.current.url, user.sid, user.auth_token, sub.sid);
    assert.deepEqual((await parentOnSub.transcriptions.list({ pageSize: 2 })).map((t) => t.sid), [...made].reverse());
    const page = await parentOnSub.transcriptions.page({ pageSize: 2 });
    assert.equal(page.instances.length, 2);
    assert.ok(await page.nextPage());

    await assert.rejects(owner.transcriptions(made[0]!).fetch(), { status: 404, code: 20404 }, "a subaccount's transcription under the parent's path");
    await assert.rejects(owner.recordings(mainSid).transcriptions(made[0]!).fetch(), { status: 404, code: 20404 });
    await assert.rejects(owner.transcriptions('TR123').fetch(), { status: 404, code: 20404 });
    await assert.rejects(owner.recordings(`RE${'0'.repeat(32)}`).transcriptions.list(), { status: 404, code: 20404 });
  });

  test('a transcription is deleted through either path, once', async () => {
    const call = await insertCall(db(), user.sid, Date.UTC(2024, 7, 5));
    const a = await record(user.sid, call, Date.UTC(2024, 7, 5), 30, true);
    const b = await record(user.sid, call, Date.UTC(2024, 7, 6), 30, true);
    assert.equal(await owner.transcriptions(a.transcriptionSid!).remove(), true);
    assert.equal(await owner.recordings(b.recordingSid).transcriptions(b.transcriptionSid!).remove(), true);
    for (const t of [a, b]) {
      await assert.rejects(owner.transcriptions(t.transcriptionSid!).fetch(), { status: 404, code: 20404 });
      await assert.rejects(owner.transcriptions(t.transcriptionSid!).remove(), { status: 404, code: 20404 });
    }
    assert.equal((await owner.recordings(a.recordingSid).fetch()).status, 'completed', 'the recording stays');
  });

  test('writing a recording in a transaction that rolls back leaves no recording, transcription or usage', async () => {
    const call = await insertCall(db(), stranger.sid, Date.UTC(2024, 8, 1));
    let made: { recordingSid: string; transcriptionSid: string | null } | undefined;
    await assert.rejects(
      db().transaction().execute(async (trx) => {
        made = await createRecordingForCall(trx, { accountSid: stranger.sid, callSid: call, durationSeconds: 40, at: Date.UTC(2024, 8, 1), transcribe: true });
        throw new Error('the call failed to complete');
      }),
      /failed to complete/,
    );
    assert.ok(made);
    assert.equal(await db().selectFrom('recordings').select('sid').where('sid', '=', made.recordingSid).executeTakeFirst(), undefined);
    assert.equal(await db().selectFrom('transcriptions').select('sid').where('sid', '=', made.transcriptionSid!).executeTakeFirst(), undefined);
    assert.equal(await db().selectFrom('usage_daily').select('day').where('account_sid', '=', stranger.sid).where('day', '=', '2024-09-01').executeTakeFirst(), undefined);
  });

  test('recordings and transcriptions bill their minutes to the account that made them', async () => {
    const call = await insertCall(db(), stranger.sid, Date.UTC(2024, 8, 2, 12));
    await record(stranger.sid, call, Date.UTC(2024, 8, 2, 12), 61, true);
    await record(stranger.sid, call, Date.UTC(2024, 8, 2, 13), 5, false);
    const rows = await db().selectFrom('usage_daily').selectAll().where('account_sid', '=', stranger.sid).where('day', '=', '2024-09-02').orderBy('category').execute();
    assert.deepEqual(
      rows.map((r) => [r.category, Number(r.count), Number(r.usage), Number(r.price_micros)]),
      [['recordings', 2, 3, 7_500], ['transcriptions', 1, 2, 100_000]],
    );
  });

  test("Connect get-all reads the user's recordings, transcriptions and audio across the family but deletes nothing", async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Recording Reader');
    const connectSid = await authorize(db(), app, user);
    const onUser = twilioClient(server.current.url, connectSid, developer.auth_token, user.sid);
    const onSub = twilioClient(server.current.url, connectSid, developer.auth_token, sub.sid);
    assert.ok((await onUser.recordings.list()).some((r) => r.sid === mainSid));
    assert.ok((await onSub.recordings.list()).length >= 7);
    assert.equal((await onUser.transcriptions(mainTranscriptionSid).fetch()).sid, mainTranscriptionSid);
    const media = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}.wav`, { headers: basic(connectSid, developer.auth_token) });
    assert.equal(media.status, 200);
    await assert.rejects(onUser.recordings(mainSid).remove(), { status: 403, code: 20006 });
    await assert.rejects(onUser.transcriptions(mainTranscriptionSid).remove(), { status: 403, code: 20006 });
    await assert.rejects(twilioClient(server.current.url, connectSid, developer.auth_token, stranger.sid).recordings.list(), { status: 401, code: 20003 }, 'outside the family');

    await revokeAccess(db(), { connectAppSid: app.sid, accountSid: user.sid, now: nextInstant() });
    await assert.rejects(onUser.recordings.list(), { status: 403, code: 20006 });
    const revoked = await fetch(`${server.current.url}/2010-04-01/Accounts/${user.sid}/Recordings/${mainSid}.wav`, { headers: basic(connectSid, developer.auth_token) });
    assert.equal(revoked.status, 403);
  });

  test("Connect post-all reads and deletes its own subaccount's recordings, and nothing of the user's", async () => {
    const app = await makeApp(db(), developer, ['post-all'], 'Recording Janitor');
    const connectSid = await authorize(db(), app, user);
    const call = await insertCall(db(), connectSid, Date.UTC(2024, 9, 1));
    const own = await record(connectSid, call, Date.UTC(2024, 9, 1), 30, true);
    const connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    assert.deepEqual((await connect.recordings.list()).map((r) => r.sid), [own.recordingSid]);
    assert.equal((await connect.calls(call).recordings(own.recordingSid).fetch()).sid, own.recordingSid);
    assert.equal(await connect.transcriptions(own.transcriptionSid!).remove(), true);
    assert.equal(await connect.recordings(own.recordingSid).remove(), true);

    const onUser = twilioClient(server.current.url, connectSid, developer.auth_token, user.sid);
    await assert.rejects(onUser.recordings.list(), { status: 403, code: 20006 });
    await assert.rejects(onUser.recordings(mainSid).remove(), { status: 403, code: 20006 });
    await revokeAccess(db(), { connectAppSid: app.sid, accountSid: user.sid, now: nextInstant() });
    await assert.rejects(connect.recordings.list(), { status: 403, code: 20006 });
  });
});
