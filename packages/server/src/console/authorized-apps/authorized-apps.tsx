import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { revokeAccess } from '../../connect/revoke-access.ts';
import { TwilioError } from '../../errors/twilio-error.ts';
import { appsWithLogo } from '../../storage/repositories/connect-app-logos.ts';
import type { Database } from '../../storage/schema.ts';
import { isSid } from '../../util/sid.ts';
import { signedIn, type BrowserContext, type BrowserEnv } from '../browser-env.ts';
import { checkCsrf } from '../csrf.ts';
import { readForm } from '../read-form.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { AppActivityPage } from './app-activity-page.tsx';
import { AuthorizedAppsPage, RevokePage, type AuthorizedAppRow } from './authorized-apps-page.tsx';
import { loadAppActivity } from './load-app-activity.ts';

async function authorizedApps(db: Kysely<Database>, accountSid: string, appSid?: string): Promise<AuthorizedAppRow[]> {
  let q = db
    .selectFrom('connect_grants as g')
    .innerJoin('connect_apps as a', 'a.sid', 'g.connect_app_sid')
    .select(['a.sid', 'a.friendly_name', 'a.company_name', 'a.homepage_url', 'a.terms_of_service_url', 'a.date_updated', 'a.deauthorize_callback_url', 'g.permissions', 'g.date_updated as authorized_at', 'g.subaccount_sid'])
    .where('g.account_sid', '=', accountSid)
    .where('g.status', '=', 'active')
    .orderBy('g.date_updated', 'desc');
  if (appSid) q = q.where('g.connect_app_sid', '=', appSid);
  const rows = await q.execute();
  const logos = await appsWithLogo(db, rows.map((r) => r.sid));
  return rows.map((r) => ({ ...r, has_logo: logos.has(r.sid) }));
}

/** The user's side of Connect: which apps may use this account, and revoking them. */
export function mountAuthorizedApps(app: Hono<BrowserEnv>): void {
  app.use('/console/authorized-apps', requireSignIn);
  app.use('/console/authorized-apps/*', requireSignIn);

  app.get('/console/authorized-apps', async (c) => {
    const me = signedIn(c);
    const revoked = c.req.query('revoked');
    return c.html(<AuthorizedAppsPage signedIn={me} apps={await authorizedApps(c.var.deps.db, me.account.sid)} notice={revoked !== undefined ? 'Access revoked. The app can no longer use your account.' : undefined} />);
  });

  const loadGrant = async (c: BrowserContext) => {
    const sid = c.req.param('sid') ?? '';
    const [row] = isSid('CN', sid) ? await authorizedApps(c.var.deps.db, signedIn(c).account.sid, sid) : [];
    if (!row) throw TwilioError.of('notFound', 'That app is not authorized on your account (it may have been revoked already).');
    return row;
  };

  app.get('/console/authorized-apps/:sid', async (c) => {
    const me = signedIn(c);
    const { db, clock } = c.var.deps;
    const search = new URL(c.req.url).search;
    return c.html(<AppActivityPage signedIn={me} view={await loadAppActivity(db, me.account.sid, await loadGrant(c), search, clock())} />);
  });

  app.get('/console/authorized-apps/:sid/revoke', async (c) => c.html(<RevokePage signedIn={signedIn(c)} app={await loadGrant(c)} />));

  app.post('/console/authorized-apps/:sid/revoke', readForm, checkCsrf, async (c) => {
    const row = await loadGrant(c);
    await revokeAccess(c.var.deps.db, { connectAppSid: row.sid, accountSid: signedIn(c).account.sid, now: c.var.deps.clock() });
    return c.redirect('/console/authorized-apps?revoked=1', 303);
  });
}
