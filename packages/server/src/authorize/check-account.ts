import type { MiddlewareHandler } from 'hono';
import type { BrowserEnv } from '../console/browser-env.ts';
import { TwilioError } from '../errors/twilio-error.ts';

/** Only an active account can grant access to itself. */
export const checkAccount: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  const { account } = c.var.signedIn!;
  if (account.status !== 'active') {
    throw TwilioError.of('forbidden', `Your account is ${account.status}, so it cannot authorize apps.`);
  }
  await next();
};
