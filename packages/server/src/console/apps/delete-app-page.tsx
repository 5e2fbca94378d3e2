import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import { ConsolePage, CsrfField } from '../layout.tsx';

export const DeleteAppPage = ({ signedIn, app, activeGrants }: { signedIn: SignedIn; app: ConnectApp; activeGrants: number }) => (
  <ConsolePage title={`Delete ${app.friendly_name}`} section="apps" signedIn={signedIn}>
    <div class="breadcrumb"><a href="/console/apps">Connect Apps</a> / <a href={`/console/apps/${app.sid}`}>{app.sid}</a> / Delete</div>
    <section class="card">
      <h1>Delete “{app.friendly_name}”?</h1>
      <p>
        {activeGrants === 0
          ? 'No user has it authorized right now.'
          : `${activeGrants} user${activeGrants === 1 ? ' has' : 's have'} it authorized; their authorizations end at once${app.deauthorize_callback_url ? ', and your Deauthorize URL is called for each' : ''}.`}{' '}
        This cannot be undone.
      </p>
      <form class="actions" method="post" action={`/console/apps/${app.sid}/delete`}>
        <CsrfField token={signedIn.session.csrf_token} />
        <button class="button" type="submit">Delete Connect App</button>
        <a class="button secondary" href={`/console/apps/${app.sid}`}>Cancel</a>
      </form>
    </section>
  </ConsolePage>
);
