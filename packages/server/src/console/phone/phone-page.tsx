import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import { ConsolePage, CsrfField } from '../layout.tsx';
import type { PhoneNumberChoice } from './phone-numbers.ts';
import type { Thread, ThreadLine } from './thread.ts';

/** A fictional caller (555-01xx numbers are reserved for fiction). */
export const DEFAULT_CALLER = '+15555550100';

export interface PhoneForm {
  number: string;
  from: string;
  body: string;
  digits: string;
  speech: string;
  hangupAfter: string;
}

export interface Watching {
  kind: 'text' | 'call';
  sid: string;
  thread: Thread;
}

export interface PhonePageProps {
  signedIn: SignedIn;
  numbers: PhoneNumberChoice[];
  form: PhoneForm;
  error?: string;
  watching?: Watching;
}

const Lines = ({ id, lines, empty }: { id: string; lines: ThreadLine[]; empty: string }) => (
  <ol class="thread" id={id} data-empty={empty}>
    {lines.length === 0 ? <li class="muted">{empty}</li> : lines.map((line) => (
      <li class={`line ${line.who}`}><span class="muted small">{line.at}</span> {line.href ? <a href={line.href}>{line.text}</a> : line.text}</li>
    ))}
  </ol>
);

/** The conversation beside the requests; console.js polls `data-thread` and redraws both lists. */
const ThreadView = ({ watching }: { watching: Watching }) => {
  const { kind, sid, thread } = watching;
  return (
    <section class="card" data-thread={`/console/phone/${kind === 'text' ? 'texts' : 'calls'}/${sid}.json`}>
      <h2>{kind === 'text' ? 'Your text and the replies' : 'Your call'} <span class="badge" id="thread-status">{thread.status}</span></h2>
      <p class="small"><a href={thread.href}>Open the {kind === 'text' ? 'message' : "call"}'s page</a> <code>{sid}</code></p>
      <div class="columns">
        <div><h3>Conversation</h3><Lines id="thread-conversation" lines={thread.conversation} empty="Nothing yet." /></div>
        <div><h3>Requests to your app</h3><Lines id="thread-requests" lines={thread.requests} empty="None yet." /></div>
      </div>
    </section>
  );
};

export const PhonePage = ({ signedIn, numbers, form, error, watching }: PhonePageProps) => (
  <ConsolePage title="Phone" section="phone" signedIn={signedIn}>
    <div class="page-head">
      <div>
        <h1>Phone</h1>
        <p class="muted">Text or call one of your numbers as a customer would: its app is asked for TwiML exactly as for the inbound test controls.</p>
      </div>
    </div>
    {error ? <p class="notice danger" role="alert">{error}</p> : null}
    {numbers.length === 0 ? (
      <p class="notice warn">You have no phone numbers yet. Buy one with the IncomingPhoneNumbers API and set its SmsUrl and VoiceUrl to your app.</p>
    ) : (
      <form class="card form" method="post" action="/console/phone/text">
        <CsrfField token={signedIn.session.csrf_token} />
        <div class="columns">
          <div class="field">
            <label for="number">Your number</label>
            <select id="number" name="number">
              {numbers.map((n) => (
                <option value={n.sid} selected={n.sid === form.number}>{n.phoneNumber} · {n.friendlyName}{n.subaccount ? ` (${n.subaccount})` : ''}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="from">Calling or texting from</label>
            <input type="text" id="from" name="from" value={form.from} />
          </div>
        </div>
        <div class="field">
          <label for="body">Message</label>
          <textarea id="body" name="body">{form.body}</textarea>
        </div>
        <div><button class="button" type="submit">Send text</button></div>
        <div class="columns">
          <div class="field">
            <label for="digits">Digits to press</label>
            <input type="text" id="digits" name="digits" value={form.digits} />
            <span class="hint">One answer per Gather, separated by spaces: <code>1 2#</code></span>
          </div>
          <div class="field">
            <label for="speech">Speech</label>
            <input type="text" id="speech" name="speech" value={form.speech} />
            <span class="hint">One answer per speech Gather, separated by <code>;</code></span>
          </div>
          <div class="field">
            <label for="hangupAfter">Hang up after (seconds)</label>
            <input type="text" id="hangupAfter" name="hangupAfter" inputmode="numeric" value={form.hangupAfter} />
          </div>
        </div>
        <div><button class="button" type="submit" formaction="/console/phone/call">Call</button></div>
      </form>
    )}
    {watching ? <ThreadView watching={watching} /> : null}
  </ConsolePage>
);
