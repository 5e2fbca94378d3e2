import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { switchboardClient } from '@switchboard/connect/twilio';
import { findUserByEmail } from '../src/auth/users.ts';
import { loadConfig } from '../src/config.ts';
import { startAnalyticsServer } from '../src/server.ts';
import { answerConsent, connectButtonHref, countCalls, dashboardWhenReady, eventually, logIntoConsole, stackForSuite, type Stack } from './support/stack.ts';
import { locationOf, valueOf, Visitor } from './support/visitor.ts';

const CALLS = 2_500;

async function signUp(stack: Stack, email: string): Promise<Visitor> {
  const visitor = new Visitor();
  const response = await visitor.submit(`${stack.app.url}/signup`, '/signup', { email, password: 'correct horse battery' });
  assert.equal(response.status, 303);
  return visitor;
}

/** The whole Connect dance for a signed-up visitor: button, consent, Authorize, back to the app. Returns the dashboard's HTML. */
async function connect(stack: Stack, visitor: Visitor): Promise<string> {
  const landing = await answerConsent(visitor, await connectButtonHref(visitor, stack.app.url), 'authorize');
  assert.match(landing, new RegExp(`^${stack.app.url}/twilio/authorize\\?AccountSid=AC[0-9a-f]{32}&state=`));
  const afterCallback = await visitor.get(landing);
  assert.equal(afterCallback.status, 303);
  const dashboardUrl = locationOf(afterCallback, landing);
  assert.equal(dashboardUrl, `${stack.app.url}/dashboard?connected=1`, 'the AccountSid does not stay in the address bar');
  return (await dashboardWhenReady(visitor, dashboardUrl)).html;
}

const revokeInConsole = async (stack: Stack, visitor: Visitor) => {
  const url = `${stack.switchboard.url}/console/authorized-apps/${stack.connectApp.sid}/revoke`;
  const response = await visitor.submit(url, url, {});
  assert.equal(locationOf(response, url), `${stack.switchboard.url}/console/authorized-apps?revoked=1`);
};

const groupBy = <T>(items: T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

const userOf = (stack: Stack, email: string) => findUserByEmail(stack.app.db, email)!;

describe('Call Analytics and Switchboard over real sockets', () => {
  const stack = stackForSuite({ calls: CALLS });

  test('a user signs up, connects through the consent screen, and the dashboard shows what the API reports', async () => {
    const s = stack.current;
    const visitor = await signUp(s, 'ada@example.com');
    await logIntoConsole(visitor, s);
    const html = await connect(s, visitor);

    const user = userOf(s, 'ada@example.com');
    const grant = await s.switchboard.storage.db.selectFrom('connect_grants').selectAll().where('account_sid', '=', s.customer.sid).executeTakeFirstOrThrow();
    assert.equal(user.account_sid, grant.subaccount_sid, 'the Connect subaccount SID is stored with the user');

    // The customer's own view of the same calls, through twilio-node and the database.
    const own = switchboardClient(s.customer.sid, s.customer.auth_token, { baseUrl: s.switchboard.url });
    const calls = await own.api.v2010.accounts(s.customer.sid).calls.list({ pageSize: 1000 });
    assert.equal(calls.length, CALLS);
    assert.equal(await countCalls(s, s.customer.sid), CALLS);
    const completed = calls.filter((c) => c.status === 'completed');
    assert.equal(valueOf(html, 'total-calls'), CALLS);
    assert.equal(valueOf(html, 'answer-rate'), completed.length / CALLS);
    const talk = calls.reduce((sum, c) => sum + Number(c.duration), 0);
    assert.equal(valueOf(html, 'talk-time'), talk);
    assert.ok(Math.abs(valueOf(html, 'average-duration') - talk / completed.length) < 1e-9);
    const statuses = groupBy(calls, (c) => c.status);
    assert.ok(statuses.size >= 3);
    for (const [status, list] of statuses) {
      assert.match(html, new RegExp(`data-status="${status}">.*?class="legend-value" data-value="${list.length}"`, 's'), status);
    }
    const perNumber = groupBy(calls, (c) => (c.direction === 'inbound' ? c.to : c.from));
    const [busiest, busiestCalls] = [...perNumber].sort((a, b) => b[1].length - a[1].length)[0]!;
    assert.match(html, new RegExp(`id="busiest-numbers".*?data-number="\\${busiest}".*?data-value="${busiestCalls.length}"`, 's'));
    assert.match(html, /data-chart="\{&quot;kind&quot;:&quot;daily&quot;/, 'the per-day chart has its data');
    assert.match(html, /<script src="\/assets\/chart\.umd\.min\.js" defer=""><\/script>/);
  });

  test('the dashboard is served from the cache until the user asks for a refresh', async () => {
    const s = stack.current;
    const visitor = new Visitor();
    await visitor.submit(`${s.app.url}/login`, '/login', { email: 'ada@example.com', password: 'correct horse battery' });
    await dashboardWhenReady(visitor, `${s.app.url}/dashboard`);
    const sid = userOf(s, 'ada@example.com').account_sid!;
    const cached = await s.app.deps.analytics.get(sid);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(await s.app.deps.analytics.get(sid), cached, 'the same result object: no new read');
    const refreshed = await visitor.submit(`${s.app.url}/dashboard`, '/dashboard/refresh', {});
    assert.equal(locationOf(refreshed, s.app.url), `${s.app.url}/dashboard`);
    await dashboardWhenReady(visitor, `${s.app.url}/dashboard`);
    assert.notEqual(await s.app.deps.analytics.get(sid), cached, 'read again after Refresh');
  });

  test('when the customer revokes the app in the Console, the signed callback disconnects the user and the dashboard offers to reconnect', async () => {
    const s = stack.current;
    const visitor = new Visitor();
    await visitor.submit(`${s.app.url}/login`, '/login', { email: 'ada@example.com', password: 'correct horse battery' });
    await logIntoConsole(visitor, s);
    await revokeInConsole(s, visitor);
    await eventually(() => userOf(s, 'ada@example.com').disconnected_at !== null, 'the deauthorize callback');
    assert.equal(userOf(s, 'ada@example.com').disconnect_reason, 'deauthorized');
    const delivery = await s.switchboard.storage.db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.equal(delivery.url, `${s.app.url}/twilio/deauthorize`);

    const page = await visitor.get(`${s.app.url}/dashboard`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /data-state="disconnected">Disconnected</);
    assert.match(html, /Your Switchboard account is disconnected/);
    assert.match(html, />Reconnect with Switchboard</);
    assert.doesNotMatch(html, /id="total-calls"/, 'no data is shown once access has ended');
  });

  test('reconnecting reuses the Connect subaccount and brings the dashboard back', async () => {
    const s = stack.current;
    const before = userOf(s, 'ada@example.com').account_sid;
    const visitor = new Visitor();
    await visitor.submit(`${s.app.url}/login`, '/login', { email: 'ada@example.com', password: 'correct horse battery' });
    await logIntoConsole(visitor, s);
    const html = await connect(s, visitor);
    assert.equal(valueOf(html, 'total-calls'), CALLS);
    const user = userOf(s, 'ada@example.com');
    assert.equal(user.account_sid, before);
    assert.equal(user.disconnected_at, null);
  });

  test('a grant revoked before its callback arrives shows Reconnect as soon as the API answers 20006', async () => {
    const s = stack.current;
    const visitor = new Visitor();
    await visitor.submit(`${s.app.url}/login`, '/login', { email: 'ada@example.com', password: 'correct horse battery' });
    await logIntoConsole(visitor, s);
    await s.switchboard.dispatcher.stop();
    try {
      await revokeInConsole(s, visitor);
      // Refresh drops the cached dashboard, so the app asks Switchboard again and hears 20006.
      const refreshed = await visitor.submit(`${s.app.url}/dashboard`, '/dashboard/refresh', {});
      const page = await visitor.get(locationOf(refreshed, s.app.url));
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /data-state="disconnected">Disconnected</);
      assert.match(html, /no longer has access to your account/);
      assert.equal(userOf(s, 'ada@example.com').disconnect_reason, 'access_revoked');
    } finally {
      s.switchboard.dispatcher.start();
    }
    const deliveries = () => s.switchboard.storage.db.selectFrom('webhook_deliveries').select(['status']).execute();
    await eventually(async () => (await deliveries()).every((d) => d.status === 'delivered'), 'the late callback to be acknowledged');
    assert.equal(userOf(s, 'ada@example.com').disconnect_reason, 'access_revoked', 'and changes nothing more');
  });

  test('a Deauthorize URL called with GET is verified and acted on the same way', async () => {
    const s = stack.current;
    const connectApp = s.sb.twilio(s.developer.sid, s.developer.auth_token).api.v2010.account.connectApps(s.connectApp.sid);
    await connectApp.update({ deauthorizeCallbackMethod: 'GET' });
    try {
      const visitor = await signUp(s, 'grace@example.com');
      await logIntoConsole(visitor, s);
      await connect(s, visitor);
      await revokeInConsole(s, visitor);
      await eventually(() => userOf(s, 'grace@example.com').disconnected_at !== null, 'the GET deauthorize callback');
      assert.equal(userOf(s, 'grace@example.com').disconnect_reason, 'deauthorized');
      const last = await s.switchboard.storage.db.selectFrom('webhook_deliveries').selectAll().orderBy('date_created', 'desc').executeTakeFirstOrThrow();
      assert.equal(last.method, 'GET', 'Switchboard sent it as GET, with the SIDs in the signed query string');
    } finally {
      await connectApp.update({ deauthorizeCallbackMethod: 'POST' });
    }
  });

  test('a customer who denies on the consent screen gets a friendly page, and nothing is connected', async () => {
    const s = stack.current;
    const visitor = await signUp(s, 'linus@example.com');
    await logIntoConsole(visitor, s);
    const landing = await answerConsent(visitor, await connectButtonHref(visitor, s.app.url), 'deny');
    assert.match(landing, /\/twilio\/authorize\?error=unauthorized_client&state=/);
    const afterCallback = await visitor.get(landing);
    const page = await visitor.get(locationOf(afterCallback, landing));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /No problem — nothing was shared/);
    assert.equal(userOf(s, 'linus@example.com').account_sid, null);
  });

  test('a forged deauthorize callback over the network is refused and changes nothing', async () => {
    const s = stack.current;
    const visitor = await signUp(s, 'mallory-target@example.com');
    await logIntoConsole(visitor, s);
    await connect(s, visitor);
    const sid = userOf(s, 'mallory-target@example.com').account_sid!;
    const response = await fetch(`${s.app.url}/twilio/deauthorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==' },
      body: new URLSearchParams({ AccountSid: sid, ConnectAppSid: s.connectApp.sid }),
    });
    assert.equal(response.status, 403);
    assert.equal(userOf(s, 'mallory-target@example.com').disconnected_at, null);
  });

  test('an app started with someone else\'s Auth Token explains the refusal with a 502 that names TWILIO_AUTH_TOKEN, never a 500', async () => {
    const s = stack.current;
    const misconfigured = await startAnalyticsServer(loadConfig({
      SWITCHBOARD_URL: s.switchboard.url, CONNECT_APP_SID: s.connectApp.sid, TWILIO_AUTH_TOKEN: s.customer.auth_token, PORT: '0', DATABASE_FILE: ':memory:',
    }));
    try {
      const visitor = new Visitor();
      await visitor.submit(`${misconfigured.url}/signup`, '/signup', { email: 'ops@example.com', password: 'correct horse battery' });
      const state = new URL(await connectButtonHref(visitor, misconfigured.url)).searchParams.get('state')!;
      const sid = userOf(s, 'ada@example.com').account_sid!;
      await visitor.get(`${misconfigured.url}/twilio/authorize?AccountSid=${sid}&state=${state}`);
      const page = await visitor.get(`${misconfigured.url}/dashboard`);
      assert.equal(page.status, 502);
      assert.match(await page.text(), /Switchboard refused our credentials.*TWILIO_AUTH_TOKEN/s);
    } finally {
      await misconfigured.close();
    }
  });
});
