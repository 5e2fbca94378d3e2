import type { ApiKey } from '../../storage/repositories/api-keys.ts';
import { formatDate } from '../format.ts';
import { CsrfField } from '../layout.tsx';

/** A key just created: the only time its secret is shown. */
export interface NewKey {
  sid: string;
  secret: string;
}

export const ApiKeysSection = ({ keys, newKey, csrf }: { keys: ApiKey[]; newKey?: NewKey; csrf: string }) => (
  <section class="card" id="api-keys">
    <h2>API keys</h2>
    <p class="muted small">A key's SID and secret authenticate like the Account SID and Auth Token, and can be deleted on their own.</p>
    {newKey ? (
      <div class="notice ok" role="status">
        <p>Key <code>{newKey.sid}</code> created. Copy its secret now: it is not shown again.</p>
        <code class="copyable" id="new-key-secret">{newKey.secret}</code>
        <button class="button secondary small" type="button" data-copy="new-key-secret">Copy</button>
        <span class="copy-status" aria-live="polite"></span>
      </div>
    ) : null}
    {keys.length === 0 ? (
      <p class="muted">No API keys yet.</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead><tr><th>Name</th><th>Key SID</th><th>Created</th><th></th></tr></thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <td>{key.friendly_name ?? <span class="muted">unnamed</span>}</td>
                <td><code>{key.sid}</code></td>
                <td class="muted">{formatDate(key.date_created)}</td>
                <td>
                  <form method="post" action={`/console/account/keys/${key.sid}/delete`}>
                    <CsrfField token={csrf} />
                    <button class="button secondary small" type="submit">Delete</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <form method="post" action="/console/account/keys">
      <CsrfField token={csrf} />
      <label for="key-name">Name</label>
      <input id="key-name" name="friendlyName" maxlength={64} placeholder="e.g. CI" />
      <button class="button" type="submit">Create API key</button>
    </form>
  </section>
);
