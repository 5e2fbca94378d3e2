import type { Handler } from 'hono';
import type { BrowserEnv } from '../console/browser-env.ts';
import { field } from '../console/read-body.ts';
import { TwilioError } from '../errors/twilio-error.ts';
import { buildRedirectUrl } from './build-redirect-url.ts';
import { grantAccess } from '../connect/grant-access.ts';
import { readState } from './read-state.ts';

/**
 * Authorize: grant (or re-grant, reusing the subaccount) and send the user to the Authorize URL with
 * `AccountSid`. Deny: send them there with `error=unauthorized_client`. Both carry `state` back.
 */
export const respond: Handler<BrowserEnv> = async (c) => {
  const { app, signedIn, deps } = c.var;
  const state = readState(c);
  const decision = field(c.var.form, 'decision');
  if (decision === 'deny') {
    return c.redirect(buildRedirectUrl(app.authorize_redirect_url!, { error: 'unauthorized_client', state }), 302);
  }
  if (decision !== 'authorize') throw TwilioError.of('invalidParameter', 'Choose Authorize or Deny on the consent screen.');
  const grant = await grantAccess(deps.db, { connectAppSid: app.sid, accountSid: signedIn!.account.sid, now: deps.clock() });
  return c.redirect(buildRedirectUrl(app.authorize_redirect_url!, { AccountSid: grant.subaccount_sid, state }), 302);
};
