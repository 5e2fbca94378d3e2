import type { ActivityPage } from '../../audit/load-activity.ts';
import { ActivityFilters, ActivityTable, Pager } from '../../audit/view/activity-table.tsx';
import { StackedBars, type Series } from '../../audit/view/stacked-bars.tsx';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import { AppLogo } from '../apps/app-view.tsx';
import { ConsolePage } from '../layout.tsx';
import type { AuthorizedAppRow } from './authorized-apps-page.tsx';
import { spendByCategory, type SpendLine } from './subaccount-spend.ts';

const dollars = (micros: number): string => `$${(micros / 1_000_000).toFixed(2)}`;

const Spend = ({ lines }: { lines: SpendLine[] }) =>
  lines.length === 0 ? (
    <p class="muted">Nothing yet. Messages, calls and numbers the app pays for in its subaccount are billed to you and show up here.</p>
  ) : (
    <div class="grid-2">
      <div class="table-wrap">
        <table>
          <caption>By category</caption>
          <thead><tr><th>Category</th><th>Count</th><th>Spent</th></tr></thead>
          <tbody>{spendByCategory(lines).map((c) => <tr><td>{c.description}</td><td>{c.count}</td><td>{dollars(c.priceMicros)}</td></tr>)}</tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table>
          <caption>Per day</caption>
          <thead><tr><th>Day</th><th>Category</th><th>Spent</th></tr></thead>
          <tbody>{lines.map((l) => <tr><td>{l.day}</td><td>{l.description}</td><td>{dollars(l.priceMicros)}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );

export interface AppActivityView {
  app: AuthorizedAppRow;
  days: string[];
  chart: Series[];
  spend: SpendLine[];
  page: ActivityPage;
}

/** What one authorized app did on the customer's account: its requests, their chart, its spending, and Revoke. */
export const AppActivityPage = ({ signedIn, view }: { signedIn: SignedIn; view: AppActivityView }) => {
  const { app, page } = view;
  const base = `/console/authorized-apps/${app.sid}`;
  const total = view.spend.reduce((sum, l) => sum + l.priceMicros, 0);
  return (
    <ConsolePage title={`${app.friendly_name} · Authorized Apps`} section="authorized" signedIn={signedIn}>
      <div class="breadcrumb"><a href="/console/authorized-apps">Authorized Apps</a> / {app.friendly_name}</div>
      <div class="page-head">
        <div class="app-id">
          <AppLogo app={app} hasLogo={app.has_logo} large />
          <div>
            <h1>{app.friendly_name}</h1>
            <p>by {app.company_name} · works in subaccount <code>{app.subaccount_sid}</code></p>
          </div>
        </div>
        <a class="button danger" href={`${base}/revoke`}>Revoke</a>
      </div>
      <section class="card">
        <h2>Requests per day</h2>
        <StackedBars title="Requests per day" days={view.days} series={view.chart} />
      </section>
      <section class="card">
        <h2>Spent in its subaccount <span class="muted small">{dollars(total)} in all</span></h2>
        <Spend lines={view.spend} />
      </section>
      <section class="card">
        <h2>Requests</h2>
        <p class="muted small">Every request the app made with your authorization: method, path and outcome. Request and response bodies are never recorded.</p>
        <ActivityFilters page={page} base={base} />
        {page.rows.length === 0 ? (
          <p class="empty">No requests match. When the app uses your account, each request is listed here.</p>
        ) : (
          <ActivityTable page={page} view="customer" />
        )}
        <Pager page={page} base={base} />
      </section>
    </ConsolePage>
  );
};
