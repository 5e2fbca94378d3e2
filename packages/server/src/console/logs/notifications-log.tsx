import type { Hono } from 'hono';
import { listNotifications, type Notification } from '../../storage/repositories/notifications.ts';
import { signedIn, type BrowserEnv } from '../browser-env.ts';
import { formatTime } from '../format.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { readDayRange } from './day-range.ts';
import { enumFilter } from './enum-filter.ts';
import type { Filter } from './filter-form.tsx';
import { LogPage } from './log-page.tsx';
import { readLogScope } from './log-scope.ts';

/** Twilio's Log values: 0 is an error, 1 a warning. */
const LEVELS = { error: '0', warning: '1' } as const;
type Level = keyof typeof LEVELS;

const NotificationRow = ({ notification: n }: { notification: Notification }) => (
  <tr>
    <td class="nowrap small">{formatTime(n.date_created)}</td>
    <td><span class={n.log === '0' ? 'badge danger' : 'badge warn'}>{n.log === '0' ? 'Error' : 'Warning'} {n.error_code}</span></td>
    <td class="small">{n.message_text}{n.request_url ? <div class="muted"><code>{n.request_method} {n.request_url}</code></div> : null}</td>
    <td>{n.call_sid ? <a href={`/console/calls/${n.call_sid}`}>{n.call_sid}</a> : '—'}</td>
  </tr>
);

/** The account's Notifications: what went wrong (or nearly) while running its calls. */
export function mountNotificationsLog(app: Hono<BrowserEnv>): void {
  app.get('/console/notifications', requireSignIn, async (c) => {
    const scope = await readLogScope(c);
    const { param } = scope;
    const level = enumFilter<Level>('Level', param('level'), ['error', 'warning']);
    const created = readDayRange('Created', param('created_from'), param('created_to'));
    const filters: Filter[] = [
      { name: 'level', label: 'Level', type: 'select', value: level, options: ['error', 'warning'] },
      { name: 'created_from', label: 'On or after', type: 'date', value: param('created_from') },
      { name: 'created_to', label: 'On or before', type: 'date', value: param('created_to') },
    ];
    const page = await listNotifications(c.var.deps.db, scope.chosen.account.sid, { log: level && LEVELS[level], ...created }, scope.page);
    return c.html(
      <LogPage
        signedIn={signedIn(c)} section="notifications" title="Notifications" intro="Errors and warnings from your account's calls and webhooks, newest first."
        url={scope.url} family={scope.family} chosen={scope.chosen} filters={filters} page={page}
        empty={{ title: 'No notifications', unfiltered: <p>All clear. When a webhook fails or TwiML cannot run, the error is listed here with the request that caused it.</p> }}
      >
        <thead><tr><th>When</th><th>Level</th><th>Message</th><th>Call</th></tr></thead>
        <tbody>{page.rows.map((notification) => <NotificationRow notification={notification} />)}</tbody>
      </LogPage>,
    );
  });
}
