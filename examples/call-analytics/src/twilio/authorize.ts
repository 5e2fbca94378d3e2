import { ConnectError, parseAuthorizeCallback } from '@switchboard/connect';
import type { Hono } from 'hono';
import { consumeConnectState } from '../auth/sessions.ts';
import { connectUser } from '../auth/users.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../http/http-error.ts';

/**
 * The Connect App's Authorize URL. Switchboard sends the browser here with `AccountSid` (or
 * `error=unauthorized_client`) and the `state` our button carried. The state must be this session's
 * (so nobody can attach their account to someone else's login); the SID is stored with the user and
 * the browser is redirected at once, so it does not stay in the address bar or history (best practice 2).
 */
export function mountAuthorize(app: Hono<AppEnv>): void {
  app.get('/twilio/authorize', (c) => {
    const session = c.var.session;
    if (!session) {
      throw new HttpError(401, 'Log in to finish connecting', 'Switchboard sent you back here, but you are not logged in to Call Analytics (your session may have ended). Log in, then click Connect again.');
    }
    const { db, clock, analytics } = c.var.deps;
    try {
      // An empty expectation is refused: a session that never showed the button has no state to match.
      const { accountSid } = parseAuthorizeCallback(c.req.raw, { expectedState: session.row.connect_state ?? '' });
      consumeConnectState(db, session);
      connectUser(db, session.user.id, accountSid, clock());
      analytics.forget(accountSid);
      // Start reading the call log while the browser follows the redirect; the dashboard joins this read.
      analytics.get(accountSid).catch(() => undefined);
      return c.redirect('/dashboard?connected=1', 303);
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      if (error.code === 'denied') {
        consumeConnectState(db, session);
        return c.redirect('/dashboard?declined=1', 303);
      }
      if (error.code === 'state_mismatch') {
        throw new HttpError(400, 'This Connect link has expired', 'Switchboard’s answer does not belong to the Connect button of your current session: it may come from another tab, an earlier session or someone else’s link. Nothing was connected. Go to your dashboard and click Connect again.');
      }
      throw new HttpError(400, 'Switchboard’s answer was incomplete', 'The address Switchboard sent you back to has no valid AccountSid, so nothing was connected. Go to your dashboard and click Connect again; if it keeps happening, the Connect App’s Authorize URL may be misconfigured.');
    }
  });
}
