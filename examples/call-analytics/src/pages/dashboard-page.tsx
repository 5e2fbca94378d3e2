import type { CallAnalytics, NumberActivity } from '../dashboard/aggregate.ts';
import type { DashboardData } from '../dashboard/read-call-log.ts';
import { formatCount, formatDateTime, formatDay, formatDuration, formatMoney, formatPercent, formatPhone, maskSid } from './format.ts';
import { AppPage, CsrfField, type Viewer } from './layout.tsx';

interface Props {
  viewer: Viewer;
  data: DashboardData;
  accountSid: string;
  connectedSince: number;
  justConnected: boolean;
}

const STATUS_LABELS: Record<string, string> = {
  completed: 'Completed', busy: 'Busy', 'no-answer': 'No answer', failed: 'Failed', canceled: 'Canceled',
  'in-progress': 'In progress', ringing: 'Ringing', queued: 'Queued',
};
const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

const Kpi = ({ id, label, value, raw, detail }: { id: string; label: string; value: string; raw: number; detail: string }) => (
  <article class="kpi">
    <h2>{label}</h2>
    <p class="kpi-value" id={id} data-value={String(raw)}>{value}</p>
    <p class="kpi-detail">{detail}</p>
  </article>
);

const NumbersTable = ({ id, rows, total, caption }: { id: string; rows: NumberActivity[]; total: number; caption: string }) => (
  <table class="numbers" id={id}>
    <caption class="visually-hidden">{caption}</caption>
    <thead>
      <tr><th scope="col">Number</th><th scope="col" class="num">Calls</th><th scope="col" class="share-col">Share</th><th scope="col" class="num">Talk time</th></tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr>
          <td class="phone" data-number={r.number}>{formatPhone(r.number)}</td>
          <td class="num" data-value={String(r.calls)}>{formatCount(r.calls)}</td>
          <td class="share-col"><meter min={0} max={total} value={r.calls} title={formatPercent(r.calls / total)}></meter><span class="share">{formatPercent(r.calls / total)}</span></td>
          <td class="num">{formatDuration(r.durationSeconds)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

// Chart data travels in data attributes (escaped like any attribute); the page has no inline script.
const dailyChart = (a: CallAnalytics) => JSON.stringify({
  kind: 'daily',
  labels: a.daily.map((d) => d.date),
  completed: a.daily.map((d) => d.completed),
  other: a.daily.map((d) => d.calls - d.completed),
});

const statusChart = (a: CallAnalytics) => JSON.stringify({
  kind: 'status',
  labels: a.statuses.map((s) => statusLabel(s.status)),
  statuses: a.statuses.map((s) => s.status),
  values: a.statuses.map((s) => s.calls),
});

const Empty = () => (
  <section class="card empty" id="no-calls">
    <h2>No calls yet</h2>
    <p class="muted">Your Switchboard account has no calls to analyse. Once calls come in or go out, they show up here.</p>
  </section>
);

const Charts = ({ a }: { a: CallAnalytics }) => (
  <>
    <section class="grid charts">
      <article class="card chart-card">
        <header class="card-head">
          <h2>Calls per day</h2>
          <p class="muted small">UTC{a.firstCallAt !== null && a.lastCallAt !== null ? ` · ${formatDay(a.firstCallAt)} – ${formatDay(a.lastCallAt)}` : ''}</p>
        </header>
        <div class="chart-box tall"><canvas id="calls-per-day" role="img" aria-label="Calls per day, completed and not completed" data-chart={dailyChart(a)}></canvas></div>
      </article>
      <article class="card chart-card">
        <header class="card-head"><h2>Status</h2></header>
        <div class="chart-box"><canvas id="status-breakdown" role="img" aria-label="Calls by status" data-chart={statusChart(a)}></canvas></div>
        <ul class="legend" id="status-list">
          {a.statuses.map((s) => (
            <li data-status={s.status}>
              <span class={`dot status-${s.status}`} aria-hidden="true"></span>
              <span class="legend-label">{statusLabel(s.status)}</span>
              <span class="legend-value" data-value={String(s.calls)}>{formatCount(s.calls)}</span>
              <span class="legend-share">{formatPercent(s.calls / a.totalCalls)}</span>
            </li>
          ))}
        </ul>
      </article>
    </section>
    <section class="grid two">
      <article class="card">
        <header class="card-head"><h2>Busiest numbers</h2><p class="muted small">Your numbers, by calls made and received</p></header>
        <NumbersTable id="busiest-numbers" rows={a.busiestNumbers} total={a.totalCalls} caption="Your busiest numbers" />
      </article>
      <article class="card">
        <header class="card-head"><h2>Top contacts</h2><p class="muted small">Who you talk to most</p></header>
        <NumbersTable id="top-contacts" rows={a.topContacts} total={a.totalCalls} caption="Your most frequent contacts" />
      </article>
    </section>
  </>
);

/** The customer's call log in numbers and charts, read through their Connect grant. */
export const DashboardPage = ({ viewer, data, accountSid, connectedSince, justConnected }: Props) => {
  const a = data.analytics;
  return (
    <AppPage title="Dashboard" viewer={viewer} scripts={['/assets/chart.umd.min.js', '/assets/dashboard.js']}>
      <div class="dash-head">
        <div>
          <h1>Your calls</h1>
          <p class="muted" id="dashboard-scope">
            Every call in {data.accountName ? <strong>{data.accountName}</strong> : 'your Switchboard account'}
            {data.accounts > 1 ? ` and its ${data.accounts - 1} subaccount${data.accounts > 2 ? 's' : ''}` : ''}, read through your Switchboard connection.
          </p>
        </div>
        <div class="dash-meta">
          <span class="status-pill" id="connection-status" data-state="connected" title={`Connected since ${formatDateTime(connectedSince)}`}>Connected · {maskSid(accountSid)}</span>
          <form method="post" action="/dashboard/refresh" class="refresh">
            <CsrfField token={viewer.csrf} />
            <span class="muted small" id="computed-at">Updated {formatDateTime(data.computedAt)}</span>
            <button class="button secondary small" type="submit">Refresh</button>
          </form>
        </div>
      </div>
      {justConnected ? <p class="notice ok" role="status" id="connected-notice">Connected. Your dashboard is ready — Switchboard bills your account directly for any usage by connected apps; Call Analytics only reads.</p> : null}
      <section class="kpis" aria-label="Totals">
        <Kpi id="total-calls" label="Total calls" value={formatCount(a.totalCalls)} raw={a.totalCalls} detail={`${formatCount(a.directions.inbound)} in · ${formatCount(a.directions.outbound)} out`} />
        <Kpi id="answer-rate" label="Answer rate" value={formatPercent(a.answerRate)} raw={a.answerRate} detail={`${formatCount(a.completedCalls)} completed`} />
        <Kpi id="average-duration" label="Average duration" value={formatDuration(a.averageDurationSeconds)} raw={a.averageDurationSeconds} detail="of completed calls" />
        <Kpi id="talk-time" label="Talk time" value={formatDuration(a.totalDurationSeconds)} raw={a.totalDurationSeconds} detail="all calls together" />
        <Kpi id="spend" label="Call charges" value={formatMoney(a.spend)} raw={a.spend} detail="charged to your account" />
      </section>
      {a.totalCalls === 0 ? <Empty /> : <Charts a={a} />}
    </AppPage>
  );
};
