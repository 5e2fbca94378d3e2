import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectStateOf, connectVisitor, inProcessApp, ORIGIN, signedUpVisitor } from '../../test/support/in-process.ts';
import { locationOf } from '../../test/support/visitor.ts';
import { findUserByEmail } from '../auth/users.ts';

const SUBACCOUNT = `AC${'5d'.repeat(16)}`;

describe('the authorize callback', () => {
  const { app, visitor } = inProcessApp();

  test('the Connect button carries a state made for this session, the same on every view until used', async () => {
    const v = await signedUpVisitor(visitor(), 'state@example.com');
    const state = await connectStateOf(v);
    assert.match(state, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(await connectStateOf(v), state, 'two tabs show buttons that both work');
    const html = await (await v.get(`${ORIGIN}/dashboard`)).text();
    assert.match(html, new RegExp(`href="http://127\\.0\\.0\\.1:9/authorize/CN(ab){16}\\?state=${state}"`));
    const other = await signedUpVisitor(visitor(), 'state-other@example.com');
    assert.notEqual(await connectStateOf(other), state);
  });

  test('with this session\'s state the AccountSid is stored with the user and the browser leaves for the dashboard without it', async () => {
    const v = await signedUpVisitor(visitor(), 'connect@example.com');
    const response = await connectVisitor(v, SUBACCOUNT);
    assert.equal(response.status, 303);
    const location = locationOf(response, ORIGIN);
    assert.equal(location, `${ORIGIN}/dashboard?connected=1`);
    assert.doesNotMatch(location, /AC[0-9a-f]{32}/);
    const user = findUserByEmail(app.db, 'connect@example.com')!;
    assert.equal(user.account_sid, SUBACCOUNT);
    assert.equal(user.disconnected_at, null);
  });

  test('a state is single use: replaying the callback connects nothing more', async () => {
    const v = await signedUpVisitor(visitor(), 'replay@example.com');
    const state = await connectStateOf(v);
    const url = `${ORIGIN}/twilio/authorize?AccountSid=${SUBACCOUNT}&state=${state}`;
    assert.equal((await v.get(url)).status, 303);
    const replay = await v.get(url.replace(SUBACCOUNT, `AC${'66'.repeat(16)}`));
    assert.equal(replay.status, 400);
    assert.equal(findUserByEmail(app.db, 'replay@example.com')!.account_sid, SUBACCOUNT);
  });

  test('another user\'s state, a missing one or a made-up one connects nothing and says to start again (400)', async () => {
    const victim = await signedUpVisitor(visitor(), 'victim@example.com');
    const attacker = await signedUpVisitor(visitor(), 'attacker@example.com');
    const attackersState = await connectStateOf(attacker);
    await connectStateOf(victim);
    for (const query of [`AccountSid=${SUBACCOUNT}&state=${attackersState}`, `AccountSid=${SUBACCOUNT}`, `AccountSid=${SUBACCOUNT}&state=${'A'.repeat(43)}`]) {
      const response = await victim.get(`${ORIGIN}/twilio/authorize?${query}`);
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.match(html, /This Connect link has expired/);
      assert.match(html, /click Connect again/);
    }
    assert.equal(findUserByEmail(app.db, 'victim@example.com')!.account_sid, null);
  });

  test('a session that never showed the button has no state to match', async () => {
    const v = await signedUpVisitor(visitor(), 'no-button@example.com');
    const response = await v.get(`${ORIGIN}/twilio/authorize?AccountSid=${SUBACCOUNT}&state=`);
    assert.equal(response.status, 400);
  });

  test('a malformed AccountSid with the right state is 400 and connects nothing', async () => {
    const v = await signedUpVisitor(visitor(), 'malformed@example.com');
    const state = await connectStateOf(v);
    const response = await v.get(`${ORIGIN}/twilio/authorize?AccountSid=AC123&state=${state}`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /no valid AccountSid/);
    assert.equal(findUserByEmail(app.db, 'malformed@example.com')!.account_sid, null);
  });

  test('a denial (error=unauthorized_client) leads to a friendly page with the button again', async () => {
    const v = await signedUpVisitor(visitor(), 'deny@example.com');
    const state = await connectStateOf(v);
    const response = await v.get(`${ORIGIN}/twilio/authorize?error=unauthorized_client&state=${state}`);
    assert.equal(locationOf(response, ORIGIN), `${ORIGIN}/dashboard?declined=1`);
    const page = await v.get(`${ORIGIN}/dashboard?declined=1`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /No problem — nothing was shared/);
    assert.match(html, /Connect with Switchboard/);
    assert.notEqual(await connectStateOf(v), state, 'the used state is not offered again');
    assert.equal(findUserByEmail(app.db, 'deny@example.com')!.account_sid, null);
  });

  test('arriving without a session asks to log in and connect again (401)', async () => {
    const response = await visitor().get(`${ORIGIN}/twilio/authorize?AccountSid=${SUBACCOUNT}&state=whatever`);
    assert.equal(response.status, 401);
    assert.match(await response.text(), /Log in, then click Connect again/);
  });

  test('when Switchboard cannot be reached the dashboard is a 503 saying what to check, not a 500', async () => {
    const v = await signedUpVisitor(visitor(), 'unreachable@example.com');
    await connectVisitor(v, SUBACCOUNT);
    const response = await v.get(`${ORIGIN}/dashboard`);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '60');
    assert.match(await response.text(), /could not reach Switchboard at http:\/\/127\.0\.0\.1:9.*SWITCHBOARD_URL/s);
  });
});
