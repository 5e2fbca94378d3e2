import { createState } from '@switchboard/connect';
import type { Hono } from 'hono';
import { checkCsrf } from '../auth/csrf.ts';
import { requireLogin, sessionOf } from '../auth/require-login.ts';
import { connectStateFor, type Session } from '../auth/sessions.ts';
import { connectionOf, disconnectAccount, findUser, type Connection } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../env.ts';
import { HttpError } from '../http/http-error.ts';
import { readForm } from '../http/read-form.ts';
import { ConnectPage, type ConnectReason } from '../pages/connect-page.tsx';
import { DashboardPage } from '../pages/dashboard-page.tsx';
import { ReadingPage } from '../pages/reading-page.tsx';
import { classifyApiFailure } from '../twilio/api-failure.ts';
import { connectButtonHtml } from '../twilio/connect-button.ts';

/** How long a page view waits for a read before showing its progress instead. */
export const DASHBOARD_WAIT_MS = 1500;

/** Whether `promise` settles (either way) within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true, () => true), timeout]).finally(() => clearTimeout(timer));
};

const viewerOf = (session: Session) => ({ email: session.user.email, csrf: session.row.csrf_token });

function connectPage(c: AppContext, session: Session, connection: Connection) {
  const { db, config } = c.var.deps;
  const reason: ConnectReason = connection.state === 'disconnected' ? 'disconnected' : c.req.query('declined') !== undefined ? 'denied' : 'first';
  const buttonHtml = connectButtonHtml(config, connectStateFor(db, session, createState), reason === 'disconnected' ? 'Reconnect with Switchboard' : undefined);
  return c.html(<ConnectPage viewer={viewerOf(session)} buttonHtml={buttonHtml} reason={reason} connection={connection} />);
}

/** The failures of a read that are not the customer's revocation: explained, with the status that fits. */
function apiError(c: AppContext, error: unknown): never {
  const failure = classifyApiFailure(error);
  const { switchboardUrl } = c.var.deps.config;
  if (!failure || failure.kind === 'revoked') throw error;
  console.error(`Reading a call log from ${switchboardUrl} failed: ${failure.message}`);
  if (failure.kind === 'unreachable') {
    throw new HttpError(503, 'Switchboard is not reachable', `Call Analytics could not reach Switchboard at ${switchboardUrl} to read your calls. Try again in a minute; if it keeps happening, the app's operator should check that Switchboard is running and that SWITCHBOARD_URL points at it.`, { 'retry-after': '60' });
  }
  if (failure.kind === 'credentials') {
    throw new HttpError(502, 'Switchboard refused our credentials', "Switchboard did not accept Call Analytics' credentials for your account (error 20003). If you closed the account you connected, connect another one; otherwise the app's operator should check that TWILIO_AUTH_TOKEN is the Auth Token of the account that owns the Connect App.");
  }
  throw new HttpError(502, 'Switchboard could not answer', `Switchboard answered HTTP ${failure.status}${failure.code ? ` (error ${failure.code})` : ''} while we read your calls: ${failure.message} Try again in a minute.`);
}

export function mountDashboard(app: Hono<AppEnv>): void {
  app.get('/dashboard', requireLogin, async (c) => {
    const session = sessionOf(c);
    const connection = connectionOf(session.user);
    if (connection.state !== 'connected') return connectPage(c, session, connection);
    const { db, clock, analytics } = c.var.deps;
    const reading = analytics.get(connection.accountSid);
    if (!(await settlesWithin(reading, DASHBOARD_WAIT_MS))) {
      return c.html(<ReadingPage viewer={viewerOf(session)} progress={analytics.progress(connection.accountSid)} now={clock()} />);
    }
    try {
      const data = await reading;
      return c.html(<DashboardPage viewer={viewerOf(session)} data={data} accountSid={connection.accountSid} connectedSince={connection.since} justConnected={c.req.query('connected') !== undefined} />);
    } catch (error) {
      if (classifyApiFailure(error)?.kind !== 'revoked') apiError(c, error);
      // 20006: the grant is gone (revoked, perhaps before its deauthorize callback reached us). Record it and offer to reconnect.
      disconnectAccount(db, connection.accountSid, 'access_revoked', clock());
      analytics.forget(connection.accountSid);
      const user = findUser(db, session.user.id)!;
      return connectPage(c, { ...session, user }, connectionOf(user));
    }
  });

  app.post('/dashboard/refresh', requireLogin, readForm, checkCsrf, (c) => {
    const connection = connectionOf(sessionOf(c).user);
    if (connection.state === 'connected') c.var.deps.analytics.forget(connection.accountSid);
    return c.redirect('/dashboard', 303);
  });
}
