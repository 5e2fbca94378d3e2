import { PERMISSION_LABELS, parsePermissions } from '../../connect/permissions.ts';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import { AppLogo } from '../apps/app-view.tsx';
import { formatDate } from '../format.ts';
import { ConsolePage, CsrfField } from '../layout.tsx';

export interface AuthorizedAppRow {
  sid: string;
  friendly_name: string;
  company_name: string | null;
  homepage_url: string | null;
  terms_of_service_url: string | null;
  date_updated: number;
  deauthorize_callback_url: string | null;
  /** What the user granted. */
  permissions: string;
  authorized_at: number;
  subaccount_sid: string;
  has_logo: boolean;
}

const ExternalLink = ({ href, children }: { href: string | null; children: string }) =>
  href ? <a href={href} rel="noopener noreferrer" target="_blank">{children}</a> : null;

export const AuthorizedAppsPage = ({ signedIn, apps, notice }: { signedIn: SignedIn; apps: AuthorizedAppRow[]; notice?: string }) => (
  <ConsolePage title="Authorized Apps" section="authorized" signedIn={signedIn}>
    <div class="page-head">
      <div>
        <h1>Authorized Apps</h1>
        <p>Apps you allowed to use your account. Revoking one ends its access at once; its subaccount and data stay yours.</p>
      </div>
    </div>
    {notice ? <p class="notice ok" role="status">{notice}</p> : null}
    {apps.length === 0 ? (
      <section class="card empty">
        <h2>No authorized apps</h2>
        <p>When you authorize an app with its Connect button, it is listed here.</p>
      </section>
    ) : (
      <section class="card">
        <div class="table-wrap">
          <table>
            <thead><tr><th>App</th><th>Permissions granted</th><th>Authorized</th><th></th></tr></thead>
            <tbody>
              {apps.map((app) => (
                <tr>
                  <td>
                    <div class="app-id">
                      <AppLogo app={app} hasLogo={app.has_logo} />
                      <div>
                        <strong><a href={`/console/authorized-apps/${app.sid}`}>{app.friendly_name}</a></strong>
                        <span class="muted small">{app.company_name}</span>
                        <div class="small app-links">
                          <ExternalLink href={app.homepage_url}>Homepage</ExternalLink>
                          <ExternalLink href={app.terms_of_service_url}>Terms of Service</ExternalLink>
                        </div>
                      </div>
                    </div>
                  </td>
                  <td>{parsePermissions(app.permissions).map((p) => <div class="small">{PERMISSION_LABELS[p]}</div>)}</td>
                  <td class="muted small">{formatDate(app.authorized_at)}</td>
                  <td><div class="actions">
                    <a class="button secondary small" href={`/console/authorized-apps/${app.sid}`}>Activity</a>
                    <a class="button danger small" href={`/console/authorized-apps/${app.sid}/revoke`}>Revoke</a>
                  </div></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    )}
  </ConsolePage>
);

export const RevokePage = ({ signedIn, app }: { signedIn: SignedIn; app: AuthorizedAppRow }) => (
  <ConsolePage title={`Revoke ${app.friendly_name}`} section="authorized" signedIn={signedIn}>
    <div class="breadcrumb"><a href="/console/authorized-apps">Authorized Apps</a> / Revoke</div>
    <section class="card">
      <div class="app-id">
        <AppLogo app={app} hasLogo={app.has_logo} large />
        <div>
          <h1>Revoke {app.friendly_name}?</h1>
          <p class="muted">by {app.company_name}</p>
        </div>
      </div>
      <p>
        {app.friendly_name} will no longer be able to use your account. Its subaccount <code>{app.subaccount_sid}</code> and
        everything in it stay with you.{app.deauthorize_callback_url ? ` ${app.company_name ?? 'The developer'} is told that you revoked access.` : ''}
      </p>
      <form class="actions" method="post" action={`/console/authorized-apps/${app.sid}/revoke`}>
        <CsrfField token={signedIn.session.csrf_token} />
        <button class="button" type="submit">Revoke access</button>
        <a class="button secondary" href="/console/authorized-apps">Cancel</a>
      </form>
    </section>
  </ConsolePage>
);
