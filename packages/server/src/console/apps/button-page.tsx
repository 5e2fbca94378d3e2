import { raw } from 'hono/html';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import { ConsolePage } from '../layout.tsx';

export const STATE_PLACEHOLDER = 'YOUR_STATE';

/** The snippet to paste, the same snippet live, and a copy button ("Generate Connect Button HTML"). */
export const ButtonPage = ({ signedIn, app, snippet, created }: { signedIn: SignedIn; app: ConnectApp; snippet: string; created: boolean }) => (
  <ConsolePage title={`Connect button · ${app.friendly_name}`} section="apps" signedIn={signedIn}>
    <div class="breadcrumb"><a href="/console/apps">Connect Apps</a> / <a href={`/console/apps/${app.sid}`}>{app.sid}</a> / Connect button</div>
    <div class="page-head">
      <div>
        <h1>Connect Button HTML</h1>
        <p>Paste this where your users should connect their Switchboard account to {app.friendly_name}.</p>
      </div>
      <a class="button secondary" href={`/console/apps/${app.sid}`}>Edit app</a>
    </div>
    {created ? <p class="notice ok" role="status">Connect App created. Place its Connect button on your website.</p> : null}
    <section class="card">
      <h2>Preview</h2>
      <div class="preview" id="button-preview">{raw(snippet)}</div>
    </section>
    <section class="card">
      <h2>HTML</h2>
      <p class="muted small">
        Replace <code>{STATE_PLACEHOLDER}</code> with a value you can check when the user comes back to your Authorize URL
        (it is returned as <code>state</code>), or remove <code>?state={STATE_PLACEHOLDER}</code>. The snippet loads nothing from elsewhere.
      </p>
      <textarea class="snippet" id="button-html" readonly rows={5} aria-label="Connect button HTML">{snippet}</textarea>
      <div class="actions mt">
        <button class="button" type="button" data-copy="button-html">Copy HTML</button>
        <span class="copy-status" aria-live="polite"></span>
      </div>
    </section>
  </ConsolePage>
);
