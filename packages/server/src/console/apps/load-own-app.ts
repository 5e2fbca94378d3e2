import type { MiddlewareHandler } from 'hono';
import { TwilioError } from '../../errors/twilio-error.ts';
import { findConnectApp } from '../../storage/repositories/connect-apps.ts';
import { isSid } from '../../util/sid.ts';
import type { BrowserEnv } from '../browser-env.ts';

/** The Connect App in the path, when the signed-in account owns it; anyone else's is a 404. */
export const loadOwnApp: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  const sid = c.req.param('sid') ?? '';
  const app = isSid('CN', sid) ? await findConnectApp(c.var.deps.db, sid) : undefined;
  if (!app || app.account_sid !== c.var.signedIn?.account.sid) {
    throw TwilioError.of('notFound', 'There is no such Connect App in your account.');
  }
  c.set('app', app);
  await next();
};
