import type { BrowserContext } from '../console/browser-env.ts';
import { field } from '../console/read-body.ts';
import { TwilioError } from '../errors/twilio-error.ts';

const MAX_STATE = 2048;

/**
 * The app's `state`, passed through untouched: from the Connect button's query on GET, from the
 * consent form on POST. Undefined when the app sent none.
 */
export function readState(c: BrowserContext): string | undefined {
  const state = c.req.method === 'POST' ? (c.var.form.has('state') ? field(c.var.form, 'state') : undefined) : c.req.query('state');
  if (state !== undefined && state.length > MAX_STATE) {
    throw TwilioError.of('invalidParameter', `The state parameter is longer than ${MAX_STATE} characters. The app that sent you here needs to send a shorter one.`);
  }
  return state;
}

/** This consent screen's own address, to come back to after signing in. */
export const consentPath = (appSid: string, state: string | undefined): string =>
  `/authorize/${appSid}${state === undefined ? '' : `?state=${encodeURIComponent(state)}`}`;
