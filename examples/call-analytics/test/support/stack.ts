import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { loadConfig as loadSwitchboardConfig } from '../../../../packages/server/src/config/config.ts';
import { startServer, type RunningServer } from '../../../../packages/server/src/server.ts';
import type { Account } from '../../../../packages/server/src/storage/repositories/accounts.ts';
import type { ConnectApp } from '../../../../packages/server/src/storage/repositories/connect-apps.ts';
import { DEMO_LOGINS, ensureCallLog, ensureConnectApp, ensureConsoleUser } from '../../../../scripts/demo-setup.ts';
import { loadConfig } from '../../src/config.ts';
import { startAnalyticsServer, type RunningAnalytics } from '../../src/server.ts';
import { csrfOf, locationOf, type Visitor } from './visitor.ts';

/** The dispatcher looks for due webhooks every 25 ms and retries after 100 ms: callbacks arrive at once. */
const FAST_WEBHOOKS = { SWITCHBOARD_WEBHOOK_POLL_MS: '25', SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS: '100', SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS: '400' };

export interface Stack {
  switchboard: RunningServer;
  app: RunningAnalytics;
  /** Owns the Connect App; its Auth Token is the app's TWILIO_AUTH_TOKEN. */
  developer: Account;
  /** Has a Console login (DEMO_LOGINS.customer) and the seeded calls. */
  customer: Account;
  connectApp: ConnectApp;
}

/**
 * Switchboard on a fresh SQLite database and Call Analytics on its own, both on real loopback
 * sockets, set up as `npm run demo` does: the developer's Connect App pointing at the app, and a
 * customer with a Console login and `calls` seeded calls.
 */
export async function startStack({ calls, appEnv = {} }: { calls: number; appEnv?: Record<string, string> }): Promise<Stack> {
  const switchboard = await startServer(loadSwitchboardConfig({ port: 0, host: '127.0.0.1', db: ':memory:' }, FAST_WEBHOOKS));
  const { db } = switchboard.deps;
  const developer = await ensureConsoleUser(db, DEMO_LOGINS.developer, 'Rossum Analytics');
  const customer = await ensureConsoleUser(db, DEMO_LOGINS.customer, 'Acme Support');
  await ensureCallLog(db, customer.sid, calls);
  // The app needs the Connect App's SID to start, and the Connect App the app's address: create, start, then point it there.
  const draft = await ensureConnectApp(db, developer, 'http://127.0.0.1:1');
  const app = await startAnalyticsServer(loadConfig({
    SWITCHBOARD_URL: switchboard.url, CONNECT_APP_SID: draft.sid, TWILIO_AUTH_TOKEN: developer.auth_token, PORT: '0', DATABASE_FILE: ':memory:', ...appEnv,
  }));
  const connectApp = await ensureConnectApp(db, developer, app.url);
  return { switchboard, app, developer, customer, connectApp };
}

/** One stack for the suite, stopped after it. Read `.current` inside tests. */
export function stackForSuite(options: Parameters<typeof startStack>[0]) {
  const handle: { current: Stack } = { current: undefined as unknown as Stack };
  before(async () => {
    handle.current = await startStack(options);
  });
  after(async () => {
    await handle.current?.app.close();
    await handle.current?.switchboard.close();
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
