import { formatTime } from '../../console/format.ts';
import type { ConnectActivity } from '../../storage/repositories/connect-activity.ts';
import type { ActivityPage } from '../load-activity.ts';

const MISSING_TEXT: Record<string, string> = {
  'get-all': 'Needs “Read all account data”',
  'post-all': 'Needs “Charge account for usage”',
  never: 'Never allowed to Connect Apps',
};

const statusBadge = (status: number) => (status < 300 ? 'badge ok' : status < 500 ? 'badge danger' : 'badge warn');

/** `-1.15000` → `$1.15`: what the customer paid, as a positive amount. */
export const formatCost = (price: string): string => `$${Math.abs(Number(price)).toFixed(Math.abs(Number(price)) < 0.01 ? 4 : 2)}`;

const Outcome = ({ row }: { row: ConnectActivity }) => (
  <>
    <span class={statusBadge(row.status)}>{row.status}</span>
    {row.error_code !== null ? <span class="small"> {row.error_code}</span> : null}
    {row.missing_permission ? <div class="small missing">{MISSING_TEXT[row.missing_permission] ?? row.missing_permission}</div> : null}
  </>
);

/**
 * The requests of a page of the trail. Paths, statuses and codes only: bodies are never recorded.
 * The customer sees what each request cost; the developer sees which of their users it was made for.
 */
export const ActivityTable = ({ page, view }: { page: ActivityPage; view: 'customer' | 'developer' }) => (
  <div class="table-wrap">
    <table class="activity">
      <thead>
        <tr>
          <th>Time</th>
          {view === 'developer' ? <th>Connect subaccount</th> : null}
          <th>Request</th>
          <th>Outcome</th>
          {view === 'customer' ? <th>Cost</th> : null}
        </tr>
      </thead>
      <tbody>
        {page.rows.map((row) => {
          const price = row.resource_sid === null ? undefined : page.prices.get(row.resource_sid);
          return (
            <tr id={row.sid}>
              <td class="small">{formatTime(row.date_created)}</td>
              {view === 'developer' ? <td class="small mono">{row.subaccount_sid}</td> : null}
              <td><span class="method">{row.method}</span> <span class="mono small">{row.path}</span></td>
              <td><Outcome row={row} /></td>
              {view === 'customer' ? <td class="small">{price !== undefined ? formatCost(price) : '—'}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

/** Links to newer and older pages; keyset paging, so the hundredth page costs what the first does. */
export const Pager = ({ page, base }: { page: ActivityPage; base: string }) =>
  page.older || page.newer ? (
    <nav class="pager" aria-label="Pages of requests">
      {page.newer ? <a class="button secondary small" href={base + page.newer}>← Newer</a> : null}
      {page.older ? <a class="button secondary small" href={base + page.older}>Older →</a> : null}
    </nav>
  ) : null;

/** The filters: a plain GET form, so a filtered view is a link that can be shared or bookmarked. */
export const ActivityFilters = ({ page, base }: { page: ActivityPage; base: string }) => (
  <form class="filters" method="get" action={base}>
    <label>Status<input name="Status" inputmode="numeric" pattern="[1-5][0-9][0-9]" placeholder="e.g. 403" value={page.form.status} /></label>
    <label>Method
      <select name="Method">
        {['', 'GET', 'POST', 'DELETE'].map((m) => <option value={m} selected={page.form.method.toUpperCase() === m}>{m || 'Any'}</option>)}
      </select>
    </label>
    <label>Resource<input name="Resource" placeholder="e.g. Messages" value={page.form.resource} /></label>
    <label>Day<input name="Day" type="date" value={page.form.day} /></label>
    <button class="button secondary small" type="submit">Filter</button>
    <a class="small" href={base}>Clear</a>
  </form>
);
