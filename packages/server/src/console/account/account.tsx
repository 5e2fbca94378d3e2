import type { Hono } from 'hono';
import type { BrowserEnv } from '../browser-env.ts';
import { signedIn } from '../browser-env.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { AccountPage } from './account-page.tsx';

/** The account's SID, its Auth Token (revealed on request) and its subaccounts. */
export function mountAccount(app: Hono<BrowserEnv>): void {
  app.get('/console', requireSignIn, (c) => c.redirect('/console/account', 302));
  app.get('/console/account', requireSignIn, async (c) => {
    const me = signedIn(c);
    const rows = await c.var.deps.db
      .selectFrom('accounts as a')
      .leftJoin('connect_grants as g', 'g.subaccount_sid', 'a.sid')
      .leftJoin('connect_apps as app', 'app.sid', 'g.connect_app_sid')
      .selectAll('a')
      .select(['g.connect_app_sid', 'app.friendly_name as app_name'])
      .where('a.parent_sid', '=', me.account.sid)
      .orderBy('a.date_created')
      .orderBy('a.sid')
      .limit(500)
      .execute();
    const subaccounts = rows.map(({ connect_app_sid, app_name, ...account }) => ({
      account,
      connectAppName: connect_app_sid === null ? null : (app_name ?? 'deleted app'),
    }));
    return c.html(<AccountPage signedIn={me} subaccounts={subaccounts} />);
  });
}
