import type { Hono } from 'hono';
import { accountNow } from '../../clock/account-clock.ts';
import { listMessages, type Message } from '../../storage/repositories/messages.ts';
import { observedMessage } from '../../telephony/observed-message.ts';
import { signedIn, type BrowserEnv } from '../browser-env.ts';
import { formatTime } from '../format.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { readDayRange } from './day-range.ts';
import type { Filter } from './filter-form.tsx';
import { LogPage } from './log-page.tsx';
import { readLogScope } from './log-scope.ts';

const MessageRow = ({ message }: { message: Message }) => (
  <tr>
    <td class="nowrap small">{formatTime(message.date_created)}</td>
    <td><a class="row-link" href={`/console/messages/${message.sid}`}>{message.from ?? '—'} → {message.to}</a></td>
    <td class="small">{message.body.length > 60 ? `${message.body.slice(0, 60)}…` : message.body}</td>
    <td><span class="badge">{message.status}</span>{message.error_code !== null ? <span class="badge danger">{message.error_code}</span> : null}</td>
    <td class="nowrap">{message.price ?? '—'}</td>
  </tr>
);

/** The Messages log: To, From and DateSent as the API filters them, each row opening the message's page. */
export function mountMessagesLog(app: Hono<BrowserEnv>): void {
  app.get('/console/messages', requireSignIn, async (c) => {
    const scope = await readLogScope(c);
    const { param } = scope;
    const accountSid = scope.chosen.account.sid;
    const dateSent = readDayRange('Sent', param('sent_from'), param('sent_to'));
    const now = await accountNow(c.var.deps.db, c.var.deps.clock(), scope.chosen.account);
    const stored = await listMessages(c.var.deps.db, accountSid, { to: param('to'), from: param('from'), dateSent }, scope.page, now);
    const page = { ...stored, rows: stored.rows.map((message) => observedMessage(message, now)) };
    const filters: Filter[] = [
      { name: 'to', label: 'To', type: 'text', value: param('to'), placeholder: '+14155550100' },
      { name: 'from', label: 'From', type: 'text', value: param('from'), placeholder: '+14155550100' },
      { name: 'sent_from', label: 'Sent on or after', type: 'date', value: param('sent_from') },
      { name: 'sent_to', label: 'Sent on or before', type: 'date', value: param('sent_to') },
    ];
    return c.html(
      <LogPage
        signedIn={signedIn(c)} section="messages" title="Messages" intro="Every message in the account, newest first. Open one for its body and the requests made to your app."
        url={scope.url} family={scope.family} chosen={scope.chosen} filters={filters} page={page}
        empty={{ title: 'No messages yet', unfiltered: <p>Send one with <code>POST /2010-04-01/Accounts/{accountSid}/Messages.json</code>, or fill the account with history: <code>switchboard seed --account {accountSid} --messages 1000</code>.</p> }}
      >
        <thead><tr><th>Created</th><th>From → To</th><th>Body</th><th>Status</th><th>Price</th></tr></thead>
        <tbody>{page.rows.map((message) => <MessageRow message={message} />)}</tbody>
      </LogPage>,
    );
  });
}
