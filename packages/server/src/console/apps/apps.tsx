import type { Hono } from 'hono';
import { connectButton } from '@switchboard/connect';
import { createAppFor } from '../../connect/create-connect-app.ts';
import { TwilioError } from '../../errors/twilio-error.ts';
import { appsWithLogo, findLogo, saveLogo } from '../../storage/repositories/connect-app-logos.ts';
import { updateConnectApp } from '../../storage/repositories/connect-apps.ts';
import { deleteAppAndGrants } from '../../connect/delete-connect-app.ts';
import { publicBase, signedIn, type BrowserContext, type BrowserEnv } from '../browser-env.ts';
import { checkCsrf } from '../csrf.ts';
import { readForm } from '../read-form.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { DeveloperActivityPage } from './app-activity-page.tsx';
import { AppFormPage, appFormValues, emptyAppForm } from './app-form-page.tsx';
import { AppsListPage } from './apps-list-page.tsx';
import { ButtonPage, STATE_PLACEHOLDER } from './button-page.tsx';
import { DeleteAppPage } from './delete-app-page.tsx';
import { loadDeveloperActivity } from './load-developer-activity.ts';
import { loadOwnApp } from './load-own-app.ts';
import { readAppForm } from './read-app-form.ts';
import { styleAttributeHashes } from './style-hashes.ts';

const requireFull = (c: BrowserContext) => {
  if (signedIn(c).account.type !== 'Full') {
    throw TwilioError.of('forbidden', 'Only upgraded (Full) accounts can create Connect Apps; this is a Trial account.');
  }
};

/** Connect Apps: list, create, edit, delete, and the Connect button HTML. */
export function mountApps(app: Hono<BrowserEnv>): void {
  app.use('/console/apps', requireSignIn);
  app.use('/console/apps/*', requireSignIn);

  app.get('/console/apps', async (c) => {
    const me = signedIn(c);
    const apps = await c.var.deps.db.selectFrom('connect_apps').selectAll().where('account_sid', '=', me.account.sid).orderBy('date_created', 'desc').orderBy('sid').execute();
    const notice = c.req.query('deleted') !== undefined ? 'Connect App deleted.' : undefined;
    return c.html(<AppsListPage signedIn={me} apps={apps} withLogo={await appsWithLogo(c.var.deps.db, apps.map((a) => a.sid))} notice={notice} />);
  });

  app.get('/console/apps/new', (c) => {
    requireFull(c);
    return c.html(<AppFormPage signedIn={signedIn(c)} values={emptyAppForm()} errors={{}} />);
  });

  app.post('/console/apps', readForm, checkCsrf, async (c) => {
    requireFull(c);
    const me = signedIn(c);
    const result = await readAppForm(c.var.form, { logoRequired: true });
    if (!result.ok) return c.html(<AppFormPage signedIn={me} values={result.values} errors={result.errors} />, 400);
    const { clock, db } = c.var.deps;
    const now = clock();
    const created = await db.transaction().execute(async (trx) => {
      const row = await createAppFor(trx, me.account, result.fields, now);
      await saveLogo(trx, { connect_app_sid: row.sid, ...result.logo!, date_updated: now });
      return row;
    });
    return c.redirect(`/console/apps/${created.sid}/button?created=1`, 303);
  });

  app.get('/console/apps/:sid', loadOwnApp, async (c) => {
    const notice = c.req.query('saved') !== undefined ? 'Changes saved.' : undefined;
    const hasLogo = (await findLogo(c.var.deps.db, c.var.app.sid)) !== undefined;
    return c.html(<AppFormPage signedIn={signedIn(c)} app={c.var.app} hasLogo={hasLogo} values={appFormValues(c.var.app)} errors={{}} notice={notice} />);
  });

  app.post('/console/apps/:sid', loadOwnApp, readForm, checkCsrf, async (c) => {
    const { db, clock } = c.var.deps;
    const current = c.var.app;
    const result = await readAppForm(c.var.form, { logoRequired: false });
    if (!result.ok) {
      const hasLogo = (await findLogo(db, current.sid)) !== undefined;
      return c.html(<AppFormPage signedIn={signedIn(c)} app={current} hasLogo={hasLogo} values={result.values} errors={result.errors} />, 400);
    }
    const now = clock();
    await db.transaction().execute(async (trx) => {
      await updateConnectApp(trx, current.sid, result.fields, now);
      if (result.logo) await saveLogo(trx, { connect_app_sid: current.sid, ...result.logo, date_updated: now });
    });
    return c.redirect(`/console/apps/${current.sid}?saved=1`, 303);
  });

  app.get('/console/apps/:sid/delete', loadOwnApp, async (c) => {
    const { n } = await c.var.deps.db
      .selectFrom('connect_grants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('connect_app_sid', '=', c.var.app.sid)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return c.html(<DeleteAppPage signedIn={signedIn(c)} app={c.var.app} activeGrants={Number(n)} />);
  });

  app.post('/console/apps/:sid/delete', loadOwnApp, readForm, checkCsrf, async (c) => {
    await deleteAppAndGrants(c.var.deps.db, c.var.app.sid, c.var.deps.clock());
    return c.redirect('/console/apps?deleted=1', 303);
  });

  app.get('/console/apps/:sid/activity', loadOwnApp, async (c) => {
    const { db, clock } = c.var.deps;
    const view = await loadDeveloperActivity(db, c.var.app, new URL(c.req.url).search, clock());
    return c.html(<DeveloperActivityPage signedIn={signedIn(c)} view={view} />);
  });

  app.get('/console/apps/:sid/button', loadOwnApp, (c) => {
    const snippet = connectButton({ connectAppSid: c.var.app.sid, baseUrl: publicBase(c), state: STATE_PLACEHOLDER });
    c.set('csp', { styleHashes: styleAttributeHashes(snippet) });
    return c.html(<ButtonPage signedIn={signedIn(c)} app={c.var.app} snippet={snippet} created={c.req.query('created') !== undefined} />);
  });
}
