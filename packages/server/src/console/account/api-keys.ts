import type { Hono } from 'hono';
import { TwilioError } from '../../errors/twilio-error.ts';
import { createApiKey, deleteApiKey, findApiKey } from '../../storage/repositories/api-keys.ts';
import { isSid } from '../../util/sid.ts';
import { signedIn, type BrowserContext, type BrowserEnv } from '../browser-env.ts';
import { checkCsrf } from '../csrf.ts';
import { field } from '../read-body.ts';
import { readForm } from '../read-form.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import type { NewKey } from './api-keys-section.tsx';

type RenderAccount = (c: BrowserContext, extra: { newKey?: NewKey; notice?: string }) => Promise<Response>;

/** Creating an API key answers with the Account page itself, so the secret is never in a URL or a redirect. */
export function mountApiKeys(app: Hono<BrowserEnv>, renderAccount: RenderAccount): void {
  app.post('/console/account/keys', requireSignIn, readForm, checkCsrf, async (c) => {
    const name = field(c.var.form, 'friendlyName').trim();
    if ([...name].length > 64) throw TwilioError.of('invalidParameter', 'A key name is at most 64 characters long. Go back and shorten it.');
    const { key, secret } = await createApiKey(c.var.deps.db, { accountSid: signedIn(c).account.sid, kind: 'standard', friendlyName: name === '' ? null : name, now: c.var.deps.clock() });
    return renderAccount(c, { newKey: { sid: key.sid, secret } });
  });

  app.post('/console/account/keys/:sid/delete', requireSignIn, readForm, checkCsrf, async (c) => {
    const sid = c.req.param('sid');
    const key = isSid('SK', sid) ? await findApiKey(c.var.deps.db, signedIn(c).account.sid, 'standard', sid) : undefined;
    if (!key) throw TwilioError.of('notFound', 'That API key does not exist (it may have been deleted already).');
    await deleteApiKey(c.var.deps.db, key.sid);
    return c.redirect('/console/account?key-deleted=1', 303);
  });
}
