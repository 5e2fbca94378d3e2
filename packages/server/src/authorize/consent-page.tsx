import { PERMISSION_LABELS, parsePermissions, type Permission } from '../connect/permissions.ts';
import { AppLogo } from '../console/apps/app-view.tsx';
import { formatDate } from '../console/format.ts';
import { CsrfField, NarrowPage } from '../console/layout.tsx';
import type { SignedIn } from '../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../storage/repositories/connect-apps.ts';

const EXPLANATIONS: Record<Permission, string> = {
  'get-all': 'See your calls, messages, recordings and other data, in your account and all its subaccounts.',
  'post-all': 'Buy phone numbers, make calls and send messages in a subaccount created for this app.',
};

interface Props {
  app: ConnectApp;
  hasLogo: boolean;
  signedIn: SignedIn;
  state: string | undefined;
  /** When the user authorized this app before (and has not revoked it). */
  authorizedAt: number | null;
}

/** The consent screen: who asks, for what, and what it costs; every string from the app is escaped. */
export const ConsentPage = ({ app, hasLogo, signedIn, state, authorizedAt }: Props) => {
  const permissions = parsePermissions(app.permissions);
  return (
    <NarrowPage title={`Authorize ${app.friendly_name}`}>
      <section class="card consent">
        <div class="consent-head">
          <AppLogo app={app} hasLogo={hasLogo} large />
          <h1 id="app-name">{app.friendly_name}</h1>
          <p class="company">by <span id="company-name">{app.company_name}</span></p>
          <p>wants to access your Switchboard account <strong>{signedIn.account.friendly_name}</strong></p>
        </div>
        {app.description ? <p class="description" id="app-description">{app.description}</p> : null}
        <div class="links">
          {app.homepage_url ? <a href={app.homepage_url} rel="noopener noreferrer" target="_blank" id="homepage-url">Homepage: {app.homepage_url}</a> : null}
          {app.terms_of_service_url ? <a href={app.terms_of_service_url} rel="noopener noreferrer" target="_blank" id="terms-url">Terms of Service</a> : null}
        </div>
        <h2>This app will be able to</h2>
        <ul class="perm-list">
          {permissions.map((p) => (
            <li>
              <span class="icon" aria-hidden="true">{p === 'get-all' ? 'R' : '$'}</span>
              <span><strong>{PERMISSION_LABELS[p]}</strong><small>{EXPLANATIONS[p]}</small></span>
            </li>
          ))}
        </ul>
        {permissions.includes('post-all') ? (
          <p class="notice warn" id="billing-warning">
            <strong>Usage is billed to your account.</strong> Calls, messages and phone numbers this app buys are charged to {signedIn.account.friendly_name}, not to {app.company_name}.
          </p>
        ) : null}
        {authorizedAt !== null ? (
          <p class="notice ok">You authorized this app on {formatDate(authorizedAt)}. Authorizing again keeps its subaccount and grants the access listed above.</p>
        ) : null}
        <form method="post" action={`/authorize/${app.sid}`}>
          <CsrfField token={signedIn.session.csrf_token} />
          {state !== undefined ? <input type="hidden" name="state" value={state} /> : null}
          <div class="decision">
            <button class="button secondary" type="submit" name="decision" value="deny">Deny</button>
            <button class="button" type="submit" name="decision" value="authorize">Authorize</button>
          </div>
        </form>
        <p class="fine">
          Signed in as {signedIn.user.email}. You can revoke access at any time under Authorized Apps in the Console.
        </p>
      </section>
    </NarrowPage>
  );
};
