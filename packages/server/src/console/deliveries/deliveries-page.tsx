import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import type { WebhookAttempt, WebhookDelivery } from '../../storage/repositories/webhook-deliveries.ts';
import { formatTime } from '../format.ts';
import { ConsolePage, CsrfField } from '../layout.tsx';

export interface DeliveryView {
  delivery: WebhookDelivery;
  attempts: WebhookAttempt[];
}

const STATUS_BADGE: Record<WebhookDelivery['status'], string> = { delivered: 'badge ok', pending: 'badge warn', failed: 'badge danger' };
const STATUS_TEXT: Record<WebhookDelivery['status'], string> = { delivered: 'Delivered', pending: 'Retrying', failed: 'Gave up' };

const ResponseCell = ({ attempt }: { attempt: WebhookAttempt }) =>
  attempt.response_status === null ? (
    <span class="badge danger" title={attempt.error ?? ''}>No response</span>
  ) : (
    <span class={attempt.response_status >= 200 && attempt.response_status < 300 ? 'badge ok' : 'badge danger'}>{attempt.response_status}</span>
  );

const DeliveryRows = ({ view, app, csrf }: { view: DeliveryView; app: ConnectApp; csrf: string }) => {
  const { delivery, attempts } = view;
  const params = JSON.parse(delivery.params) as Record<string, string>;
  return (
    <tbody class="delivery" id={delivery.sid}>
      <tr class="delivery-head">
        <td colspan={6}>
          <span class={STATUS_BADGE[delivery.status]}>{STATUS_TEXT[delivery.status]}</span>{' '}
          <strong>Deauthorize</strong> <span class="muted small">AccountSid {params.AccountSid}</span>
          {delivery.replay_of ? <span class="muted small"> · replay of {delivery.replay_of}</span> : null}
          <span class="muted small"> · {delivery.sid}</span>
        </td>
        <td>
          <form class="inline" method="post" action={`/console/apps/${app.sid}/deliveries/${delivery.sid}/replay`}>
            <CsrfField token={csrf} />
            <button class="button secondary small" type="submit">Replay</button>
          </form>
        </td>
      </tr>
      {attempts.length === 0 ? (
        <tr><td colspan={7} class="muted small">No attempt yet; the first is due {delivery.next_attempt_at === null ? '—' : formatTime(delivery.next_attempt_at)}.</td></tr>
      ) : (
        attempts.map((a) => (
          <tr class="attempt">
            <td class="small">{formatTime(a.started_at)}</td>
            <td class="small mono">{a.url}</td>
            <td class="small">{a.method}</td>
            <td><ResponseCell attempt={a} />{a.error && a.response_status === null ? <div class="muted small">{a.error}</div> : null}</td>
            <td class="small">{a.latency_ms} ms</td>
            <td class="small">{a.next_attempt_at === null ? '—' : formatTime(a.next_attempt_at)}</td>
            <td></td>
          </tr>
        ))
      )}
    </tbody>
  );
};

/** Every deauthorize callback attempt of one app, newest delivery first. */
export const DeliveriesPage = ({ signedIn, app, deliveries, notice }: { signedIn: SignedIn; app: ConnectApp; deliveries: DeliveryView[]; notice?: string }) => (
  <ConsolePage title={`Deliveries · ${app.friendly_name}`} section="apps" signedIn={signedIn}>
    <div class="breadcrumb"><a href="/console/apps">Connect Apps</a> / <a href={`/console/apps/${app.sid}`}>{app.sid}</a> / Deliveries</div>
    <div class="page-head">
      <div>
        <h1>Deliveries</h1>
        <p>Deauthorize callbacks of {app.friendly_name}, signed with your Auth Token. Each is retried until a 2xx response acknowledges it.</p>
      </div>
      <a class="button secondary" href={`/console/apps/${app.sid}/deliveries`}>Refresh</a>
    </div>
    {notice ? <p class="notice ok" role="status">{notice}</p> : null}
    {deliveries.length === 0 ? (
      <section class="card empty">
        <h2>No deliveries yet</h2>
        <p>{app.deauthorize_callback_url ? 'When a user revokes this app, the callback to your Deauthorize URL shows up here.' : 'This app has no Deauthorize URL, so revocations are not sent anywhere.'}</p>
      </section>
    ) : (
      <section class="card">
        <div class="table-wrap">
          <table class="deliveries">
            <thead><tr><th>Time</th><th>URL</th><th>Method</th><th>Response</th><th>Latency</th><th>Next retry</th><th></th></tr></thead>
            {deliveries.map((view) => <DeliveryRows view={view} app={app} csrf={signedIn.session.csrf_token} />)}
          </table>
        </div>
      </section>
    )}
  </ConsolePage>
);
