import type { Hono } from 'hono';
import type { BrowserEnv } from '../console/browser-env.ts';
import { checkCsrf } from '../console/csrf.ts';
import { readForm } from '../console/read-form.ts';
import { checkAccount } from './check-account.ts';
import { loadApp } from './load-app.ts';
import { renderConsent } from './render-consent.tsx';
import { requireUser } from './require-user.ts';
import { respond } from './respond.ts';

/** `GET /authorize/{CN}[?state=…]`: the consent screen, after signing in or up when needed. */
export const consentScreen = [loadApp, requireUser, checkAccount, renderConsent] as const;

/** `POST /authorize/{CN}`: the user's decision, then back to the app's Authorize URL. */
export const consentDecision = [readForm, loadApp, requireUser, checkCsrf, checkAccount, respond] as const;

export function mountAuthorize(app: Hono<BrowserEnv>): void {
  app.get('/authorize/:sid', ...consentScreen);
  app.post('/authorize/:sid', ...consentDecision);
}
