import type { Hono } from 'hono';
import { TwilioError } from '../../errors/twilio-error.ts';
import { findDelivery, insertReplay, listAppDeliveries } from '../../storage/repositories/webhook-deliveries.ts';
import { loadOwnApp } from '../apps/load-own-app.ts';
import { signedIn, type BrowserEnv } from '../browser-env.ts';
import { checkCsrf } from '../csrf.ts';
import { readForm } from '../read-form.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { DeliveriesPage } from './deliveries-page.tsx';

/** The developer's side of deauthorize callbacks: every attempt, and replaying any delivery. */
export function mountDeliveries(app: Hono<BrowserEnv>): void {
  app.get('/console/apps/:sid/deliveries', requireSignIn, loadOwnApp, async (c) => {
    const deliveries = await listAppDeliveries(c.var.deps.db, c.var.app.sid);
    const notice = c.req.query('replayed') !== undefined ? 'Replay queued: it is sent within moments and listed below.' : undefined;
    return c.html(<DeliveriesPage signedIn={signedIn(c)} app={c.var.app} deliveries={deliveries} notice={notice} />);
  });

  app.post('/console/apps/:sid/deliveries/:delivery/replay', requireSignIn, loadOwnApp, readForm, checkCsrf, async (c) => {
    const delivery = await findDelivery(c.var.deps.db, c.req.param('delivery'));
    if (!delivery || delivery.connect_app_sid !== c.var.app.sid) throw TwilioError.of('notFound', 'There is no such delivery for this Connect App.');
    await insertReplay(c.var.deps.db, delivery, c.var.deps.clock());
    return c.redirect(`/console/apps/${c.var.app.sid}/deliveries?replayed=1`, 303);
  });
}
