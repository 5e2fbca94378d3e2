import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateTestSignature } from '@switchboard/connect';
import { AUTH_TOKEN, CONNECT_APP_SID } from '../../test/support/config.ts';
import { connectVisitor, inProcessApp, ORIGIN, signedUpVisitor } from '../../test/support/in-process.ts';
import { findUserByEmail } from '../auth/users.ts';

const SUBACCOUNT = `AC${'7e'.repeat(16)}`;
const URL_ = `${ORIGIN}/twilio/deauthorize`;

const signedPost = (url: string, params: Record<string, string>, token = AUTH_TOKEN) => {
  const body = new URLSearchParams(params);
  return new Request(url, {
    method: 'POST', body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': generateTestSignature(token, url, body) },
  });
};

const signedGet = (url: string, token = AUTH_TOKEN) => new Request(url, { headers: { 'x-twilio-signature': generateTestSignature(token, url) } });

describe('the deauthorize callback', () => {
  const { app, clock, visitor } = inProcessApp();
  const state = (email: string) => findUserByEmail(app.db, email)!;

  test('a POST signed with the app\'s token disconnects every user connected through that AccountSid', async () => {
    await connectVisitor(await signedUpVisitor(visitor(), 'one@example.com'), SUBACCOUNT);
    await connectVisitor(await signedUpVisitor(visitor(), 'two@example.com'), SUBACCOUNT);
    await connectVisitor(await signedUpVisitor(visitor(), 'bystander@example.com'), `AC${'99'.repeat(16)}`);
    const response = await app.fetch(signedPost(URL_, { AccountSid: SUBACCOUNT, ConnectAppSid: CONNECT_APP_SID }));
    assert.equal(response.status, 204);
    for (const email of ['one@example.com', 'two@example.com']) {
      assert.equal(state(email).disconnected_at, clock.now);
      assert.equal(state(email).disconnect_reason, 'deauthorized');
      assert.equal(state(email).account_sid, SUBACCOUNT, 'the SID stays on record');
    }
    assert.equal(state('bystander@example.com').disconnected_at, null);
  });

  test('a replayed callback is acknowledged and keeps the first time of disconnection', async () => {
    const at = state('one@example.com').disconnected_at;
    clock.now += 60_000;
    assert.equal((await app.fetch(signedPost(URL_, { AccountSid: SUBACCOUNT, ConnectAppSid: CONNECT_APP_SID }))).status, 204);
    assert.equal(state('one@example.com').disconnected_at, at);
  });

  test('the disconnected user sees why, and a Connect button to reconnect', async () => {
    const v = await signedUpVisitor(visitor(), 'reconnect@example.com');
    await connectVisitor(v, `AC${'31'.repeat(16)}`);
    await app.fetch(signedPost(URL_, { AccountSid: `AC${'31'.repeat(16)}`, ConnectAppSid: CONNECT_APP_SID }));
    const html = await (await v.get(`${ORIGIN}/dashboard`)).text();
    assert.match(html, /id="connection-status" data-state="disconnected">Disconnected</);
    assert.match(html, /revoked in the Switchboard Console/);
    assert.match(html, />Reconnect with Switchboard</);
  });

  test('a GET callback is verified over its signed query string', async () => {
    const sid = `AC${'42'.repeat(16)}`;
    await connectVisitor(await signedUpVisitor(visitor(), 'get@example.com'), sid);
    const forged = `${URL_}?AccountSid=${SUBACCOUNT}&ConnectAppSid=${CONNECT_APP_SID}`;
    const swapped = new Request(`${URL_}?AccountSid=${sid}&ConnectAppSid=${CONNECT_APP_SID}`, { headers: { 'x-twilio-signature': generateTestSignature(AUTH_TOKEN, forged) } });
    assert.equal((await app.fetch(swapped)).status, 403, 'a signature for other parameters does not carry over');
    assert.equal(state('get@example.com').disconnected_at, null);
    const response = await app.fetch(signedGet(`${URL_}?AccountSid=${sid}&ConnectAppSid=${CONNECT_APP_SID}`));
    assert.equal(response.status, 204);
    assert.notEqual(state('get@example.com').disconnected_at, null);
  });

  test('an unsigned callback is 400 and a wrongly signed one 403; neither changes anything', async () => {
    const sid = `AC${'43'.repeat(16)}`;
    await connectVisitor(await signedUpVisitor(visitor(), 'forged@example.com'), sid);
    const unsigned = await app.fetch(new Request(URL_, { method: 'POST', body: `AccountSid=${sid}&ConnectAppSid=${CONNECT_APP_SID}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    assert.equal(unsigned.status, 400);
    assert.match(await unsigned.text(), /no X-Twilio-Signature/);
    const wrongToken = await app.fetch(signedPost(URL_, { AccountSid: sid, ConnectAppSid: CONNECT_APP_SID }, 'f'.repeat(32)));
    assert.equal(wrongToken.status, 403);
    assert.match(await wrongToken.text(), /does not match/);
    assert.equal(state('forged@example.com').disconnected_at, null);
  });

  test('a signed callback for another of our Connect Apps is acknowledged and ignored', async () => {
    const sid = `AC${'44'.repeat(16)}`;
    await connectVisitor(await signedUpVisitor(visitor(), 'other-app@example.com'), sid);
    const response = await app.fetch(signedPost(URL_, { AccountSid: sid, ConnectAppSid: `CN${'cd'.repeat(16)}` }));
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Ignored/);
    assert.equal(state('other-app@example.com').disconnected_at, null);
  });

  test('malformed callbacks get a clear 4xx: missing SIDs 400, other methods 405, oversized bodies 413', async () => {
    assert.equal((await app.fetch(signedPost(URL_, { AccountSid: SUBACCOUNT }))).status, 400);
    assert.equal((await app.fetch(signedPost(URL_, { AccountSid: 'AC1', ConnectAppSid: CONNECT_APP_SID }))).status, 400);
    const put = await app.fetch(new Request(URL_, { method: 'PUT', headers: { 'x-twilio-signature': 'x' } }));
    assert.equal(put.status, 405);
    const huge = await app.fetch(new Request(URL_, { method: 'POST', body: 'a'.repeat(70 * 1024), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' } }));
    assert.equal(huge.status, 413);
  });
});

describe('the deauthorize callback behind a proxy', () => {
  const { app, visitor } = inProcessApp({ APP_URL: 'https://analytics.example.com' });

  test('the signature is checked against APP_URL, the address Switchboard called', async () => {
    const sid = `AC${'45'.repeat(16)}`;
    await connectVisitor(await signedUpVisitor(visitor(), 'proxy@example.com'), sid);
    const params = { AccountSid: sid, ConnectAppSid: CONNECT_APP_SID };
    assert.equal((await app.fetch(signedPost(URL_, params))).status, 403, 'signed for the internal address');
    const body = new URLSearchParams(params);
    const signature = generateTestSignature(AUTH_TOKEN, 'https://analytics.example.com/twilio/deauthorize', body);
    const response = await app.fetch(new Request(URL_, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } }));
    assert.equal(response.status, 204);
    assert.notEqual(findUserByEmail(app.db, 'proxy@example.com')!.disconnected_at, null);
  });
});
