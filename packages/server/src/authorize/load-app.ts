import type { MiddlewareHandler } from 'hono';
import type { BrowserEnv } from '../console/browser-env.ts';
import { TwilioError } from '../errors/twilio-error.ts';
import { findConnectApp } from '../storage/repositories/connect-apps.ts';
import { isSid } from '../util/sid.ts';

/**
 * The app in the path. An unknown or deleted app is an error page, never a redirect: without a
 * registered Authorize URL there is nowhere safe to send the user.
 */
export const loadApp: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  const sid = c.req.param('sid') ?? '';
  const app = isSid('CN', sid) ? await findConnectApp(c.var.deps.db, sid) : undefined;
  if (!app) {
    throw TwilioError.of('notFound', 'This Connect App does not exist or has been deleted. Go back to the site you came from and tell its developer.');
  }
  if (!app.authorize_redirect_url) {
    throw TwilioError.of('invalidParameter', `${app.friendly_name} has no Authorize URL yet, so it cannot be authorized. Its developer needs to set one.`);
  }
  c.set('app', app);
  await next();
};
