import type { Handler } from 'hono';
import type { BrowserEnv } from '../console/browser-env.ts';
import { findLogo } from '../storage/repositories/connect-app-logos.ts';
import { findGrant } from '../storage/repositories/connect-grants.ts';
import { ConsentPage } from './consent-page.tsx';
import { readState } from './read-state.ts';

/** The form may send the browser on to the app's Authorize URL, so the policy allows that origin and no other. */
export const renderConsent: Handler<BrowserEnv> = async (c) => {
  const { app, signedIn } = c.var;
  const { db } = c.var.deps;
  const state = readState(c);
  const [logo, grant] = await Promise.all([findLogo(db, app.sid), findGrant(db, app.sid, signedIn!.account.sid)]);
  c.set('csp', { formAction: [new URL(app.authorize_redirect_url!).origin] });
  return c.html(
    <ConsentPage app={app} hasLogo={logo !== undefined} signedIn={signedIn!} state={state} authorizedAt={grant?.status === 'active' ? grant.date_updated : null} />,
  );
};
