import type { Connection } from '../auth/users.ts';
import { formatDateTime } from './format.ts';
import { AppPage, type Viewer } from './layout.tsx';

export type ConnectReason = 'first' | 'denied' | 'disconnected';

interface Props {
  viewer: Viewer;
  /** The Connect button snippet from @switchboard/connect, already escaped. */
  buttonHtml: string;
  reason: ConnectReason;
  connection: Connection;
}

const Heading = ({ reason, connection }: Pick<Props, 'reason' | 'connection'>) => {
  if (reason === 'denied') {
    return (
      <>
        <h1>No problem — nothing was shared</h1>
        <p class="lead" id="connect-message">You chose not to connect your Switchboard account, so Call Analytics cannot see any of your data. You can connect whenever you like.</p>
      </>
    );
  }
  if (connection.state === 'disconnected') {
    const why = connection.reason === 'deauthorized'
      ? `Access to your Switchboard account was revoked in the Switchboard Console (we were told on ${formatDateTime(connection.at)}).`
      : `Switchboard told us on ${formatDateTime(connection.at)} that Call Analytics no longer has access to your account.`;
    return (
      <>
        <h1>Your Switchboard account is disconnected</h1>
        <p class="lead" id="connect-message">{why} Reconnect to see your dashboard again.</p>
      </>
    );
  }
  return (
    <>
      <h1>Connect your Switchboard account</h1>
      <p class="lead" id="connect-message">Call Analytics reads your call logs and turns them into a dashboard. Connect once; it takes a few seconds.</p>
    </>
  );
};

/** The Connect button, only ever shown to a signed-in user (best practice 1), with what connecting means. */
export const ConnectPage = ({ viewer, buttonHtml, reason, connection }: Props) => (
  <AppPage title={connection.state === 'disconnected' ? 'Reconnect' : 'Connect'} viewer={viewer}>
    <section class="card connect-card">
      <p class="status-pill" id="connection-status" data-state={connection.state}>
        {connection.state === 'disconnected' ? 'Disconnected' : 'Not connected'}
      </p>
      <Heading reason={reason} connection={connection} />
      <div class="connect-action" id="connect-button" dangerouslySetInnerHTML={{ __html: buttonHtml }} />
      <ul class="connect-facts">
        <li><strong>What we ask for:</strong> “Read all account data” — your call logs, to build the dashboard. Call Analytics never makes calls, sends messages or buys numbers.</li>
        <li id="billing-note"><strong>Billing:</strong> Switchboard bills your account directly for any usage by the apps you connect, not through us. Reading your logs costs nothing.</li>
        <li><strong>Your choice:</strong> revoke access at any time in the Switchboard Console under Authorized Apps; we stop reading at once.</li>
      </ul>
    </section>
  </AppPage>
);
