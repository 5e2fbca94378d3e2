import { after } from 'node:test';
import { createAnalyticsApp, type AnalyticsApp } from '../../src/app.ts';
import { testConfig } from './config.ts';
import { Visitor } from './visitor.ts';

export const ORIGIN = 'http://app.test';

/** The app in this process (no socket) on a fresh database, closed after the file's tests; `now` drives its clock. */
export function inProcessApp(env: Record<string, string> = {}) {
  const clock = { now: Date.UTC(2025, 0, 15, 12) };
  const app: AnalyticsApp = createAnalyticsApp(testConfig(env), { clock: () => clock.now });
  after(() => app.close());
  return { app, clock, visitor: () => new Visitor((request) => app.fetch(request)) };
}

/** Signs a new visitor up through the form; returns it holding the session cookie. */
export async function signedUpVisitor(visitor: Visitor, email: string, password = 'correct horse battery'): Promise<Visitor> {
  const response = await visitor.submit(`${ORIGIN}/signup`, '/signup', { email, password });
  if (response.status !== 303) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  return visitor;
}

/** The `state` in the Connect button of the visitor's dashboard. */
export async function connectStateOf(visitor: Visitor): Promise<string> {
  const page = await visitor.get(`${ORIGIN}/dashboard`);
  const html = await page.text();
  const href = /<a href="([^"]+\/authorize\/CN[0-9a-f]{32}\?state=[^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error(`the dashboard shows no Connect button (status ${page.status})`);
  return new URL(href.replace(/&amp;/g, '&')).searchParams.get('state')!;
}

/** What Switchboard's redirect after "Authorize" does: the visitor lands on the Authorize URL with AccountSid and state. */
export async function connectVisitor(visitor: Visitor, accountSid: string): Promise<Response> {
  const state = await connectStateOf(visitor);
  return visitor.get(`${ORIGIN}/twilio/authorize?AccountSid=${accountSid}&state=${encodeURIComponent(state)}`);
}
