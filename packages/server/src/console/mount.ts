import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app/deps.ts';
import { mountAuthorize } from '../authorize/index.ts';
import { TwilioError } from '../errors/twilio-error.ts';
import { mountAccount } from './account/account.tsx';
import { mountApps } from './apps/apps.tsx';
import { mountLogos } from './apps/serve-logo.ts';
import { mountAssets } from './assets.ts';
import { mountLogIn } from './auth/log-in.tsx';
import { mountSignUp } from './auth/sign-up.tsx';
import { mountAuthorizedApps } from './authorized-apps/authorized-apps.tsx';
import type { BrowserEnv } from './browser-env.ts';
import { mountDeliveries } from './deliveries/deliveries.tsx';
import { errorPage } from './error-page.tsx';
import { mountPhone } from './phone/phone.tsx';
import { mountLogs } from './logs/logs.ts';
import { securityHeaders } from './security-headers.ts';
import { mountTraffic } from './traffic/traffic.tsx';
import { loadSession } from './session/load-session.ts';
import { mountUsage } from './usage/usage.tsx';

/** Paths served to browsers: HTML pages (and their assets), never Twilio's JSON. */
const BROWSER_PATHS = ['/', '/favicon.ico', '/console', '/console/*', '/authorize/*', '/assets/*', '/logos/*'];

export const isBrowserPath = (path: string): boolean =>
  path === '/' || path === '/favicon.ico' || ['/console', '/authorize/', '/assets/', '/logos/'].some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));

/** The page for a path no route matched. */
export const pageNotFound = (c: Context): Response | Promise<Response> => errorPage(c, TwilioError.of('notFound', 'There is no page at this address.'));

/** The Console, the Connect authorization pages, their assets and app logos. */
export function mountBrowser(app: Hono, deps: AppDeps): void {
  const browser = new Hono<BrowserEnv>();
  const provideDeps: MiddlewareHandler<BrowserEnv> = async (c, next) => {
    c.set('deps', deps);
    await next();
  };
  // Middleware is registered per browser path, not on `*`: mounted with `route`, `*` would also wrap the API.
  for (const path of BROWSER_PATHS) browser.use(path, provideDeps, securityHeaders, loadSession);
  mountAssets(browser);
  mountLogos(browser);
  mountSignUp(browser, deps.redis);
  mountLogIn(browser, deps.redis);
  mountAccount(browser);
  mountApps(browser);
  mountDeliveries(browser);
  mountLogs(browser);
  mountTraffic(browser);
  mountPhone(browser);
  mountUsage(browser);
  mountAuthorizedApps(browser);
  mountAuthorize(browser);
  browser.get('/', (c) => c.redirect('/console', 302));
  browser.onError((error, c) => errorPage(c, error));
  app.route('/', browser);
}
