import type { Hono } from 'hono';
import { accountNow } from '../../clock/account-clock.ts';
import { TwilioError } from '../../errors/twilio-error.ts';
import { listResourceRequests } from '../../storage/repositories/webhook-deliveries.ts';
import { observedMessage } from '../../telephony/observed-message.ts';
import type { Conversation } from '../../telephony/voice/conversation.ts';
import { signedIn, type BrowserContext, type BrowserEnv } from '../browser-env.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { CallPage, MessagePage } from './traffic-page.tsx';

const ALL = { pageSize: 1000, cursor: null };

/** A resource is shown only to its account's user (its own, or a subaccount's, Connect ones included). */
async function mine(c: BrowserContext, accountSid: string | undefined): Promise<{ sid: string; parent_sid: string | null }> {
  const me = signedIn(c).account.sid;
  const account = accountSid && (await c.var.deps.db.selectFrom('accounts').select(['sid', 'parent_sid']).where('sid', '=', accountSid).executeTakeFirst());
  if (!account || (account.sid !== me && account.parent_sid !== me)) throw TwilioError.of('notFound', 'There is no such call or message in your account.');
  return account;
}

/** A call's TwiML conversation beside the requests made to the app; a message's callbacks. */
export function mountTraffic(app: Hono<BrowserEnv>): void {
  app.get('/console/calls/:sid', requireSignIn, async (c) => {
    const { db } = c.var.deps;
    const call = await db.selectFrom('calls').selectAll().where('sid', '=', c.req.param('sid')).executeTakeFirst();
    await mine(c, call?.account_sid);
    const steps = call!.conversation ? (JSON.parse(call!.conversation) as Conversation).steps : [];
    const requests = (await listResourceRequests(db, call!.sid, ALL)).rows;
    return c.html(<CallPage signedIn={signedIn(c)} call={call!} steps={steps} requests={requests} />);
  });
  app.get('/console/messages/:sid', requireSignIn, async (c) => {
    const { db } = c.var.deps;
    const stored = await db.selectFrom('messages').selectAll().where('sid', '=', c.req.param('sid')).executeTakeFirst();
    const account = await mine(c, stored?.account_sid);
    const message = observedMessage(stored!, await accountNow(db, c.var.deps.clock(), account));
    const requests = (await listResourceRequests(db, message.sid, ALL)).rows;
    return c.html(<MessagePage signedIn={signedIn(c)} message={message} requests={requests} />);
  });
}
