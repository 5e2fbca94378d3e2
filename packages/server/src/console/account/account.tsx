import type { Hono } from 'hono';
import { listApiKeys } from '../../storage/repositories/api-keys.ts';
import type { BrowserContext, BrowserEnv } from '../browser-env.ts';
import { signedIn } from '../browser-env.ts';
import { listSubaccounts } from '../logs/family.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { AccountPage, type AccountPageProps } from './account-page.tsx';
import { mountApiKeys } from './api-keys.ts';

/** The account's SID, its Auth Token (revealed on request), its API keys and its subaccounts. */
export function mountAccount(app: Hono<BrowserEnv>): void {
  app.get('/console', requireSignIn, (c) => c.redirect('/console/account', 302));
  app.get('/console/account', requireSignIn, (c) =>
    renderAccount(c, { notice: c.req.query('key-deleted') !== undefined ? 'API key deleted. It no longer authenticates.' : undefined }));
  mountApiKeys(app, renderAccount);
}

/** The Account page, with a key just created (its secret shown this once) or a notice. */
export async function renderAccount(c: BrowserContext, extra: Pick<AccountPageProps, 'newKey' | 'notice'> = {}): Promise<Response> {
  const me = signedIn(c);
  const subaccounts = await listSubaccounts(c.var.deps.db, me.account.sid);
  const keys = await listApiKeys(c.var.deps.db, me.account.sid, 'standard', { pageSize: 200, cursor: null });
  return c.html(<AccountPage signedIn={me} subaccounts={subaccounts} keys={keys.rows} {...extra} />);
}
