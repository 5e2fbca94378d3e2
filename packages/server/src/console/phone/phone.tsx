import type { Hono } from 'hono';
import { TwilioError } from '../../errors/twilio-error.ts';
import { receiveCall } from '../../telephony/inbound/receive-call.ts';
import { receiveMessage } from '../../telephony/inbound/receive-message.ts';
import { signedIn, type BrowserContext, type BrowserEnv } from '../browser-env.ts';
import { checkCsrf } from '../csrf.ts';
import { field } from '../read-body.ts';
import { readForm } from '../read-form.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { callThread } from './call-thread.ts';
import { listPhoneNumbers } from './phone-numbers.ts';
import { DEFAULT_CALLER, PhonePage, type PhoneForm, type Watching } from './phone-page.tsx';
import { textThread } from './text-thread.ts';

const SID_JSON = /^([A-Z]{2}[0-9a-f]{32})\.json$/;

const readPhoneForm = (form: FormData): PhoneForm => ({
  number: field(form, 'number'),
  from: field(form, 'from').trim() || DEFAULT_CALLER,
  body: field(form, 'body'),
  digits: field(form, 'digits').trim(),
  speech: field(form, 'speech').trim(),
  hangupAfter: field(form, 'hangupAfter').trim(),
});

/** The inbound control's parameters for what the phone's form says. */
function controlParams(kind: 'text' | 'call', form: PhoneForm, to: string): Map<string, string[]> {
  const params = new Map<string, string[]>([['From', [form.from]], ['To', [to]]]);
  if (kind === 'text') params.set('Body', [form.body]);
  if (kind === 'call') {
    params.set('Digits', form.digits.split(/\s+/).filter((d) => d !== ''));
    params.set('SpeechResult', form.speech.split(';').map((s) => s.trim()).filter((s) => s !== ''));
    if (form.hangupAfter !== '') params.set('HangupAfter', [form.hangupAfter]);
  }
  return params;
}

/** A text or call the phone placed is shown only to its account's user (or the parent account's). */
async function ownedBy(c: BrowserContext, accountSid: string | undefined): Promise<void> {
  const me = signedIn(c).account.sid;
  const account = accountSid && (await c.var.deps.db.selectFrom('accounts').select(['sid', 'parent_sid']).where('sid', '=', accountSid).executeTakeFirst());
  if (!account || (account.sid !== me && account.parent_sid !== me)) throw TwilioError.of('notFound', 'There is no such text or call in your account.');
}

async function loadWatching(c: BrowserContext, kind: 'text' | 'call', sid: string): Promise<Watching> {
  const { db } = c.var.deps;
  if (kind === 'text') {
    const text = await db.selectFrom('messages').selectAll().where('sid', '=', sid).where('direction', '=', 'inbound').executeTakeFirst();
    await ownedBy(c, text?.account_sid);
    return { kind, sid, thread: await textThread(db, text!) };
  }
  const call = await db.selectFrom('calls').selectAll().where('sid', '=', sid).executeTakeFirst();
  await ownedBy(c, call?.account_sid);
  return { kind, sid, thread: await callThread(db, call!) };
}

/** The Console phone: text or call one of your numbers through the inbound controls' code, and watch the app answer. */
export function mountPhone(app: Hono<BrowserEnv>): void {
  app.get('/console/phone', requireSignIn, async (c) => {
    const numbers = await listPhoneNumbers(c.var.deps.db, signedIn(c).account.sid);
    const form: PhoneForm = { number: c.req.query('number') ?? '', from: c.req.query('from') ?? DEFAULT_CALLER, body: '', digits: '', speech: '', hangupAfter: '' };
    const text = c.req.query('text');
    const call = c.req.query('call');
    const watching = text ? await loadWatching(c, 'text', text) : call ? await loadWatching(c, 'call', call) : undefined;
    if (watching) c.set('csp', { connectSelf: true });
    return c.html(<PhonePage signedIn={signedIn(c)} numbers={numbers} form={form} watching={watching} />);
  });

  for (const kind of ['text', 'call'] as const) {
    app.post(`/console/phone/${kind}`, requireSignIn, readForm, checkCsrf, async (c) => {
      const { db, clock } = c.var.deps;
      const numbers = await listPhoneNumbers(db, signedIn(c).account.sid);
      const form = readPhoneForm(c.var.form);
      const number = numbers.find((n) => n.sid === form.number);
      try {
        if (!number) throw TwilioError.of('notFound', 'Pick one of your numbers: that one is not in your account or its subaccounts.');
        const params = controlParams(kind, form, number.phoneNumber);
        const target = { sid: number.accountSid };
        const sid = kind === 'text' ? (await receiveMessage(db, target, params, clock())).sid : (await receiveCall(db, target, params, clock())).sid;
        return c.redirect(`/console/phone?${new URLSearchParams({ number: number.sid, from: form.from, [kind]: sid })}`, 303);
      } catch (error) {
        if (!(error instanceof TwilioError)) throw error;
        c.status(error.status as 400);
        return c.html(<PhonePage signedIn={signedIn(c)} numbers={numbers} form={form} error={error.message} />);
      }
    });
  }

  for (const [kind, plural] of [['text', 'texts'], ['call', 'calls']] as const) {
    app.get(`/console/phone/${plural}/:file`, requireSignIn, async (c) => {
      const sid = SID_JSON.exec(c.req.param('file'))?.[1];
      if (!sid) throw TwilioError.of('notFound', `There is no such ${kind}.`);
      return c.json((await loadWatching(c, kind, sid)).thread);
    });
  }
}
