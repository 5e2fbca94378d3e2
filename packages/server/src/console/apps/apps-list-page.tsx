import { PERMISSION_LABELS, parsePermissions } from '../../connect/permissions.ts';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import { ConsolePage } from '../layout.tsx';
import { AppLogo } from './app-view.tsx';

export const AppsListPage = ({ signedIn, apps, withLogo, notice }: { signedIn: SignedIn; apps: ConnectApp[]; withLogo: Set<string>; notice?: string }) => {
  const canCreate = signedIn.account.type === 'Full';
  return (
    <ConsolePage title="Connect Apps" section="apps" signedIn={signedIn}>
      <div class="page-head">
        <div>
          <h1>Connect Apps</h1>
          <p>Apps that ask other Switchboard users for access to their accounts.</p>
        </div>
        {canCreate ? <a class="button" href="/console/apps/new">Create Connect App</a> : null}
      </div>
      {notice ? <p class="notice ok" role="status">{notice}</p> : null}
      {canCreate ? null : (
        <p class="notice warn">Only upgraded (Full) accounts can create Connect Apps; this is a Trial account. Sign up with a Full account to build one.</p>
      )}
      {apps.length === 0 ? (
        <section class="card empty">
          <h2>No Connect Apps yet</h2>
          <p>Create one, place its Connect button on your website, and your users can authorize it in two clicks.</p>
        </section>
      ) : (
        <section class="card">
          <div class="table-wrap">
            <table>
              <thead><tr><th>App</th><th>SID</th><th>Access Required</th><th></th></tr></thead>
              <tbody>
                {apps.map((app) => (
                  <tr>
                    <td>
                      <div class="app-id">
                        <AppLogo app={app} hasLogo={withLogo.has(app.sid)} />
                        <div><strong><a href={`/console/apps/${app.sid}`}>{app.friendly_name}</a></strong><span class="muted small">{app.company_name}</span></div>
                      </div>
                    </td>
                    <td><code>{app.sid}</code></td>
                    <td>{parsePermissions(app.permissions).map((p) => <div class="small">{PERMISSION_LABELS[p]}</div>)}</td>
                    <td>
                      <div class="actions">
                        <a class="button secondary small" href={`/console/apps/${app.sid}`}>Edit</a>
                        <a class="button secondary small" href={`/console/apps/${app.sid}/button`}>Button HTML</a>
                        <a class="button secondary small" href={`/console/apps/${app.sid}/activity`}>Activity</a>
                        <a class="button secondary small" href={`/console/apps/${app.sid}/deliveries`}>Deliveries</a>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </ConsolePage>
  );
};
