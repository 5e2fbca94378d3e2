import type { Hono } from 'hono';
import { signedIn, type BrowserEnv } from '../browser-env.ts';
import { chooseMember, listFamily } from '../logs/family.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { loadBalance, loadCharts, loadSpend } from './usage-data.ts';
import { UsagePage } from './usage-page.tsx';

/** Usage per category per day and month, for the whole family or one account, beside the shared balance. */
export function mountUsage(app: Hono<BrowserEnv>): void {
  app.get('/console/usage', requireSignIn, async (c) => {
    const { db, clock } = c.var.deps;
    const me = signedIn(c);
    const family = await listFamily(db, me.account);
    const sid = c.req.query('account') || undefined;
    const chosen = sid ? chooseMember(family, sid) : null;
    const scope = chosen === null ? { accountSid: me.account.sid, withSubaccounts: true } : { accountSid: chosen.account.sid, withSubaccounts: false };
    const now = clock();
    const [charts, balance, spend] = await Promise.all([loadCharts(db, scope, now), loadBalance(db, me.account, now), loadSpend(db, me.account.sid, now)]);
    return c.html(<UsagePage signedIn={me} family={family} chosen={chosen} charts={charts} balance={balance} spend={spend} />);
  });
}
