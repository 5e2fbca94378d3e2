import type { Hono } from 'hono';
import { listCalls, type ListedCall } from '../../storage/repositories/calls.ts';
import type { CallStatus } from '../../storage/schema.ts';
import { signedIn, type BrowserEnv } from '../browser-env.ts';
import { formatTime } from '../format.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { readDayRange } from './day-range.ts';
import type { Filter } from './filter-form.tsx';
import { LogPage } from './log-page.tsx';
import { readLogScope } from './log-scope.ts';
import { enumFilter } from './enum-filter.ts';

const STATUSES: readonly CallStatus[] = ['queued', 'ringing', 'in-progress', 'canceled', 'completed', 'failed', 'busy', 'no-answer'];

const CallRow = ({ call }: { call: ListedCall }) => (
  <tr>
    <td class="nowrap small">{formatTime(call.date_created)}</td>
    <td><a class="row-link" href={`/console/calls/${call.sid}`}>{call.from ?? '—'} → {call.to}</a></td>
    <td><span class="badge">{call.direction}</span></td>
    <td><span class="badge">{call.status}</span></td>
    <td class="nowrap">{call.duration !== null ? `${call.duration} s` : '—'}</td>
    <td class="nowrap">{call.price ?? '—'}</td>
  </tr>
);

/** The Calls log: the API's list filters over the same keyset index, each row opening the call's page. */
export function mountCallsLog(app: Hono<BrowserEnv>): void {
  app.get('/console/calls', requireSignIn, async (c) => {
    const { db } = c.var.deps;
    const scope = await readLogScope(c);
    const { param } = scope;
    const accountSid = scope.chosen.account.sid;
    const status = enumFilter('Status', param('status'), STATUSES);
    const startTime = readDayRange('Started', param('started_from'), param('started_to'));
    const calls = await listCalls(db, accountSid, { to: param('to'), from: param('from'), status, startTime, endTime: {} }, scope.page);
    const filters: Filter[] = [
      { name: 'to', label: 'To', type: 'text', value: param('to'), placeholder: '+14155550100' },
      { name: 'from', label: 'From', type: 'text', value: param('from'), placeholder: '+14155550100' },
      { name: 'status', label: 'Status', type: 'select', value: status, options: STATUSES },
      { name: 'started_from', label: 'Started on or after', type: 'date', value: param('started_from') },
      { name: 'started_to', label: 'Started on or before', type: 'date', value: param('started_to') },
    ];
    return c.html(
      <LogPage
        signedIn={signedIn(c)} section="calls" title="Calls" intro="Every call in the account, newest first. Open one for its TwiML conversation and the requests made to your app."
        url={scope.url} family={scope.family} chosen={scope.chosen} filters={filters} page={calls}
        empty={{ title: 'No calls yet', unfiltered: <p>Place a call with <code>POST /2010-04-01/Accounts/{accountSid}/Calls.json</code>, or fill the account with history: <code>switchboard seed --account {accountSid} --calls 1000</code>.</p> }}
      >
        <thead><tr><th>Created</th><th>From → To</th><th>Direction</th><th>Status</th><th>Duration</th><th>Price</th></tr></thead>
        <tbody>{calls.rows.map((call) => <CallRow call={call} />)}</tbody>
      </LogPage>,
    );
  });
}
