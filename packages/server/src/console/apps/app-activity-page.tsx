import type { ActivityPage } from '../../audit/load-activity.ts';
import { ActivityFilters, ActivityTable, Pager } from '../../audit/view/activity-table.tsx';
import { StackedBars, type Series } from '../../audit/view/stacked-bars.tsx';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import { ConsolePage } from '../layout.tsx';

export interface DeveloperActivityView {
  app: ConnectApp;
  days: string[];
  chart: Series[];
  /** Per day: requests and the share that failed. */
  errorRates: Array<{ day: string; total: number; errors: number }>;
  /** The latest refusals with 20006, with the permission each lacked. */
  denials: ActivityPage;
  page: ActivityPage;
}

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

/** The developer's view of their app: its requests across all its users, error rate per day, and the denials to debug. */
export const DeveloperActivityPage = ({ signedIn, view }: { signedIn: SignedIn; view: DeveloperActivityView }) => {
  const base = `/console/apps/${view.app.sid}/activity`;
  const active = view.errorRates.filter((d) => d.total > 0).reverse();
  return (
    <ConsolePage title={`Activity · ${view.app.friendly_name}`} section="apps" signedIn={signedIn}>
      <div class="breadcrumb"><a href="/console/apps">Connect Apps</a> / <a href={`/console/apps/${view.app.sid}`}>{view.app.sid}</a> / Activity</div>
      <div class="page-head">
        <div>
          <h1>Activity</h1>
          <p>Requests {view.app.friendly_name} made with Connect credentials, for all its users. Paths, statuses and codes only.</p>
        </div>
      </div>
      <section class="card">
        <h2>Requests and errors per day</h2>
        <StackedBars title="Requests per day" days={view.days} series={view.chart} />
        {active.length === 0 ? null : (
          <div class="table-wrap">
            <table class="error-rates">
              <caption>Error rate per day</caption>
              <thead><tr><th>Day</th><th>Requests</th><th>Errors</th><th>Error rate</th></tr></thead>
              <tbody>{active.map((d) => <tr><td>{d.day}</td><td>{d.total}</td><td>{d.errors}</td><td>{percent(d.errors, d.total)}</td></tr>)}</tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" id="denials">
        <h2>Denied (20006)</h2>
        {view.denials.rows.length === 0 ? (
          <p class="empty">No denials. A request outside what a user granted would be listed here with the permission it needed.</p>
        ) : (
          <ActivityTable page={view.denials} view="developer" />
        )}
      </section>
      <section class="card">
        <h2>Requests</h2>
        <ActivityFilters page={view.page} base={base} />
        {view.page.rows.length === 0 ? (
          <p class="empty">No requests match. When a user authorizes the app and it calls the API with the Connect subaccount's SID, each request is listed here.</p>
        ) : (
          <ActivityTable page={view.page} view="developer" />
        )}
        <Pager page={view.page} base={base} />
      </section>
    </ConsolePage>
  );
};
