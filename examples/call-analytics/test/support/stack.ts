import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { RunningServer } from 'switchboard';
import { createSwitchboard, type Switchboard } from 'switchboard/testing';
import { DEMO_LOGINS, demoWorld } from '../../../../scripts/demo-setup.ts';
import { loadConfig } from '../../src/config.ts';
import { startAnalyticsServer, type RunningAnalytics } from '../../src/server.ts';
import { csrfOf, locationOf, type Visitor } from './visitor.ts';

/** The dispatcher looks for due webhooks every 25 ms and retries after 100 ms: callbacks arrive at once. */
const FAST_WEBHOOKS = { SWITCHBOARD_WEBHOOK_POLL_MS: '25', SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS: '100', SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS: '400' };

/** An account's credentials, named as the API names them. */
export interface StackAccount {
  sid: string;
  auth_token: string;
}

export interface Stack {
  sb: Switchboard;
  /** The running Switchboard: its URL, and its storage and dispatcher for what the tests look into. */
  switchboard: RunningServer;
  app: RunningAnalytics;
  /** Owns the Connect App; its Auth Token is the app's TWILIO_AUTH_TOKEN. */
  developer: StackAccount;
  /** Has a Console login (DEMO_LOGINS.customer) and the seeded calls. */
  customer: StackAccount;
  connectApp: { sid: string };
}

/**
 * Switchboard on a fresh SQLite database and Call Analytics on its own, both on real loopback
 * sockets, set up as `npm run demo` does: the developer's Connect App pointing at the app, and a
 * customer with a Console login and `calls` seeded calls.
 */
export async function startStack({ calls, appEnv = {} }: { calls: number; appEnv?: Record<string, string> }): Promise<Stack> {
  const sb = await createSwitchboard({ env: FAST_WEBHOOKS });
  // The app needs the Connect App's SID to start, and the Connect App the app's address: create, start, then point it there.
  const draft = await demoWorld(sb, 'http://127.0.0.1:1', calls);
  const developer = { sid: draft.developer.accountSid, auth_token: draft.developer.authToken };
  const app = await startAnalyticsServer(loadConfig({
    SWITCHBOARD_URL: sb.url, CONNECT_APP_SID: draft.connectApp.sid, TWILIO_AUTH_TOKEN: developer.auth_token, PORT: '0', DATABASE_FILE: ':memory:', ...appEnv,
  }));
  const world = await demoWorld(sb, app.url, calls);
  const customer = { sid: world.customer.accountSid, auth_token: world.customer.authToken };
  return { sb, switchboard: sb.server, app, developer, customer, connectApp: world.connectApp };
}

/** How many calls an account has, read from Switchboard's storage. */
export const countCalls = async (stack: Stack, accountSid: string): Promise<number> => {
  const rows = await stack.switchboard.storage.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('account_sid', '=', accountSid).execute();
  return Number(rows[0]!.n);
};

/** One stack for the suite, stopped after it. Read `.current` inside tests. */
export function stackForSuite(options: Parameters<typeof startStack>[0]) {
  const handle: { current: Stack } = { current: undefined as unknown as Stack };
  before(async () => {
    handle.current = await startStack(options);
  });
  after(async () => {
    await handle.current?.app.close();
    await handle.current?.sb.close();
  });
  return handle;
}

/** Logs the visitor into the Switchboard Console with the customer's login. */
export async function logIntoConsole(visitor: Visitor, stack: Stack): Promise<void> {
  const response = await visitor.submit(`${stack.switchboard.url}/console/login`, '/console/login', { email: DEMO_LOGINS.customer.email, password: DEMO_LOGINS.customer.password });
  assert.equal(response.status, 303, 'the customer logs into the Console');
}

/**
 * Follows a Connect button to Switchboard's consent screen and answers it; returns where Switchboard
 * sends the browser (the app's Authorize URL with AccountSid or error, and the state).
 */
export async function answerConsent(visitor: Visitor, buttonHref: string, decision: 'authorize' | 'deny'): Promise<string> {
  const consent = await visitor.get(buttonHref);
  assert.equal(consent.status, 200, 'the consent screen is shown');
  const html = await consent.text();
  const state = /name="state" value="([^"]*)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(state && action, 'the consent form carries the state');
  const response = await visitor.post(new URL(action, buttonHref).toString(), { csrf: csrfOf(html), state, decision });
  return locationOf(response, buttonHref);
}

/** The Connect button's link on the visitor's dashboard. */
export async function connectButtonHref(visitor: Visitor, appUrl: string): Promise<string> {
  const html = await (await visitor.get(`${appUrl}/dashboard`)).text();
  const href = /<a href="([^"]+\/authorize\/CN[0-9a-f]{32}\?state=[^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'the dashboard shows the Connect button');
  return href.replace(/&amp;/g, '&');
}

/** Polls until `check` holds; Switchboard's dispatcher delivers callbacks asynchronously. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`Waited ${timeoutMs} ms for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The dashboard's HTML once its read is done: a large call log first shows the page that refreshes
 * itself (`id="reading"`), which a browser reloads and this polls.
 */
export async function dashboardWhenReady(visitor: Visitor, url: string, timeoutMs = 60_000): Promise<{ html: string; waited: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (let waited = false; ; waited = true) {
    const response = await visitor.get(url);
    assert.equal(response.status, 200, `${url} answers 200`);
    const html = await response.text();
    if (!html.includes('id="reading"')) return { html, waited };
    if (Date.now() > deadline) assert.fail(`The dashboard was still reading the call log after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
