import type { Account } from '../../storage/repositories/accounts.ts';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import { formatDate } from '../format.ts';
import { ConsolePage } from '../layout.tsx';
import type { ApiKey } from '../../storage/repositories/api-keys.ts';
import { ApiKeysSection, type NewKey } from './api-keys-section.tsx';

export interface SubaccountRow {
  account: Account;
  /** The Connect App this subaccount was made for, if any. */
  connectAppName: string | null;
}

export interface AccountPageProps {
  signedIn: SignedIn;
  subaccounts: SubaccountRow[];
  keys: ApiKey[];
  newKey?: NewKey;
  notice?: string;
}

export const AccountPage = ({ signedIn, subaccounts, keys, newKey, notice }: AccountPageProps) => {
  const { account } = signedIn;
  return (
    <ConsolePage title="Account" section="account" signedIn={signedIn}>
      <div class="page-head">
        <div>
          <h1>{account.friendly_name}</h1>
          <p>
            <span class={`badge${account.type === 'Full' ? ' ok' : ' warn'}`}>{account.type}</span> account, {account.status}
          </p>
        </div>
      </div>
      {notice ? <p class="notice ok" role="status">{notice}</p> : null}
      <section class="card">
        <h2>API credentials</h2>
        <p class="muted small">Use these with any Twilio helper library pointed at this server. Keep the Auth Token secret.</p>
        <dl class="kv">
          <dt>Account SID</dt>
          <dd>
            <code class="copyable" id="account-sid">{account.sid}</code>
            <button class="button secondary small" type="button" data-copy="account-sid">Copy</button>
            <span class="copy-status" aria-live="polite"></span>
          </dd>
          <dt>Auth Token</dt>
          <dd>
            <details class="secret">
              <summary><span class="show">Show Auth Token</span><span class="hide">Hide Auth Token</span></summary>
              <div class="value">
                <code class="copyable" id="auth-token">{account.auth_token}</code>
                <button class="button secondary small" type="button" data-copy="auth-token">Copy</button>
                <span class="copy-status" aria-live="polite"></span>
              </div>
            </details>
          </dd>
        </dl>
      </section>
      <ApiKeysSection keys={keys} newKey={newKey} csrf={signedIn.session.csrf_token} />
      <section class="card">
        <h2>Subaccounts</h2>
        {subaccounts.length === 0 ? (
          <p class="muted">No subaccounts yet. Create them with <code>POST /2010-04-01/Accounts.json</code>; each Connect App you authorize gets one too.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead><tr><th>Name</th><th>Account SID</th><th>Status</th><th>Created</th></tr></thead>
              <tbody>
                {subaccounts.map(({ account: sub, connectAppName }) => (
                  <tr>
                    <td>{sub.friendly_name}{connectAppName !== null ? <> <span class="badge">Connect</span></> : null}</td>
                    <td><code>{sub.sid}</code></td>
                    <td><span class={`badge${sub.status === 'active' ? ' ok' : ''}`}>{sub.status}</span></td>
                    <td class="muted">{formatDate(sub.date_created)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ConsolePage>
  );
};
