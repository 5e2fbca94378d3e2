import type { Call } from '../../storage/repositories/calls.ts';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { Message } from '../../storage/repositories/messages.ts';
import type { listResourceRequests } from '../../storage/repositories/webhook-deliveries.ts';
import type { ConversationStep } from '../../telephony/voice/conversation.ts';
import { formatTime } from '../format.ts';
import { ConsolePage } from '../layout.tsx';

export type RequestRow = Awaited<ReturnType<typeof listResourceRequests>>['rows'][number];

/** Every request made to the app about the resource, with what it answered. */
const Requests = ({ requests }: { requests: RequestRow[] }) => (
  <section class="card">
    <h2>Requests to your app</h2>
    {requests.length === 0 ? (
      <p class="muted">None yet.</p>
    ) : (
      <div class="table-wrap"><table>
        <thead>
          <tr><th>When</th><th>Request</th><th>Answer</th></tr>
        </thead>
        <tbody>
          {requests.map(({ delivery, attempt }) => (
            <tr>
              <td>{formatTime(delivery.date_created)}</td>
              <td><code>{delivery.method} {delivery.url}</code><details><summary>Parameters</summary><pre>{new URLSearchParams(JSON.parse(delivery.params) as Record<string, string>).toString().replaceAll('&', '\n')}</pre></details></td>
              <td>
                {attempt?.response_status ?? 'no response'} {attempt?.error ? <span class="badge warn">{attempt.error}</span> : null}
                {attempt?.response_body ? <details><summary>Body ({attempt.content_type ?? 'no type'}, {attempt.latency_ms} ms)</summary><pre>{attempt.response_body}</pre></details> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
    )}
  </section>
);

export const CallPage = ({ signedIn, call, steps, requests }: { signedIn: SignedIn; call: Call; steps: ConversationStep[]; requests: RequestRow[] }) => (
  <ConsolePage title={`Call ${call.sid}`} section="calls" signedIn={signedIn}>
    <div class="breadcrumb"><a href="/console/calls">Calls</a> / {call.sid}</div>
    <div class="page-head">
      <div>
        <h1>Call {call.from} → {call.to}</h1>
        <p><code>{call.sid}</code> <span class="badge">{call.direction}</span> <span class="badge">{call.status}</span> {call.duration !== null ? `${call.duration} s` : ''}</p>
      </div>
    </div>
    <section class="card">
      <h2>Conversation</h2>
      {steps.length === 0 ? (
        <p class="muted">No TwiML has run.</p>
      ) : (
        <ol class="conversation">
          {steps.map((step) => (
            <li><span class="muted small">{formatTime(step.at)}</span> <strong>{step.verb}</strong> {step.detail}</li>
          ))}
        </ol>
      )}
    </section>
    <Requests requests={requests} />
  </ConsolePage>
);

export const MessagePage = ({ signedIn, message, requests }: { signedIn: SignedIn; message: Message; requests: RequestRow[] }) => (
  <ConsolePage title={`Message ${message.sid}`} section="messages" signedIn={signedIn}>
    <div class="breadcrumb"><a href="/console/messages">Messages</a> / {message.sid}</div>
    <div class="page-head">
      <div>
        <h1>Message {message.from} → {message.to}</h1>
        <p><code>{message.sid}</code> <span class="badge">{message.direction}</span> <span class="badge">{message.status}</span></p>
      </div>
    </div>
    <section class="card"><h2>Body</h2><p>{message.body}</p></section>
    <Requests requests={requests} />
  </ConsolePage>
);
