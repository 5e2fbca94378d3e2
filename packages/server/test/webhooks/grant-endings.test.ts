import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import twilio from 'twilio';
import { changeAccountStatus } from '../../src/connect/change-account-status.ts';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { updateConnectApp, type ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import type { Database } from '../../src/storage/schema.ts';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';
import { twilioClient } from '../support/twilio-client.ts';

/**
 * However a grant ends — the user revokes the app, closes its Connect subaccount or their whole account,
 * or the developer deletes the app — the app's Deauthorize URL gets one signed callback for it, once.
 */
onEachDatabase('Every ended grant sends one deauthorize callback', (database) => {
  const server = serveConsoleForSuite(database);
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
  });

  let scenario = 0;
  /** A developer's app whose Deauthorize URL is a path of its own on the receiver. */
  async function developerApp(): Promise<{ developer: Account; app: ConnectApp; path: string }> {
    const db = server.current.deps.db;
    const developer = await makeAccount(db, 'Developer');
    const app = await makeApp(db, developer, ['get-all', 'post-all']);
    const path = `/deauthorize/${++scenario}`;
    await updateConnectApp(db, app.sid, { deauthorize_callback_url: `${receiver.origin}${path}` }, nextInstant());
    return { developer, app: { ...app, deauthorize_callback_url: `${receiver.origin}${path}` }, path };
  }

  const deliveriesTo = (db: Kysely<Database>, path: string) =>
    db.selectFrom('webhook_deliveries').select(['params']).where('url', '=', `${receiver.origin}${path}`).execute();

  /** Waits for the callbacks, checks each is signed with the developer's token, and returns their parameters. */
  async function callbacks(path: string, count: number, developer: Account): Promise<Array<Record<string, string>>> {
    const received = await receiver.waitFor(path, count);
    for (const r of received) assert.ok(twilio.validateRequest(developer.auth_token, String(r.headers['x-twilio-signature']), r.url, r.form), 'signed with the owner token');
    // Once each: the outbox holds exactly one delivery per ended grant.
    assert.equal((await deliveriesTo(server.current.deps.db, path)).length, count);
    return received.map((r) => r.form);
  }

  test('closing the Connect subaccount through the API tells the app, once', async () => {
    const db = server.current.deps.db;
    const { developer, app, path } = await developerApp();
    const customer = await makeAccount(db, 'Customer');
    const connectSid = await authorize(db, app, customer);
    const client = twilioClient(server.current.url, customer.sid, customer.auth_token);
    await client.api.v2010.accounts(connectSid).update({ status: 'closed' });
    await client.api.v2010.accounts(connectSid).update({ status: 'closed' });
    assert.deepEqual(await callbacks(path, 1, developer), [{ AccountSid: connectSid, ConnectAppSid: app.sid }]);
  });

  test("closing the customer's account ends the grants on all its subaccounts, one callback each", async () => {
    const db = server.current.deps.db;
    const { developer, app, path } = await developerApp();
    const second = await makeApp(db, developer, ['get-all'], 'Second app');
    await updateConnectApp(db, second.sid, { deauthorize_callback_url: `${receiver.origin}${path}` }, nextInstant());
    const customer = await makeAccount(db, 'Customer');
    const first = await authorize(db, app, customer);
    const other = await authorize(db, { ...second, deauthorize_callback_url: `${receiver.origin}${path}` }, customer);
    await db.transaction().execute((trx) => changeAccountStatus(trx, customer.sid, 'closed', nextInstant()));
    const forms = await callbacks(path, 2, developer);
    assert.deepEqual(forms.map((f) => f.AccountSid).sort(), [first, other].sort());
    const statuses = await db.selectFrom('accounts').select('status').where('parent_sid', '=', customer.sid).execute();
    assert.deepEqual(statuses.map((s) => s.status), ['closed', 'closed'], 'its subaccounts close with it');
  });

  test('suspending the customer ends no grant and sends nothing', async () => {
    const db = server.current.deps.db;
    const { app, path } = await developerApp();
    const customer = await makeAccount(db, 'Customer');
    await authorize(db, app, customer);
    await db.transaction().execute((trx) => changeAccountStatus(trx, customer.sid, 'suspended', nextInstant()));
    assert.equal((await deliveriesTo(db, path)).length, 0);
    const grant = await db.selectFrom('connect_grants').select('status').where('connect_app_sid', '=', app.sid).executeTakeFirstOrThrow();
    assert.equal(grant.status, 'active');
  });

  test("deleting the app tells its Deauthorize URL about every user's grant", async () => {
    const db = server.current.deps.db;
    const { developer, app, path } = await developerApp();
    const users = [await makeAccount(db, 'Customer A'), await makeAccount(db, 'Customer B')];
    const connectSids = [await authorize(db, app, users[0]!), await authorize(db, app, users[1]!)];
    await revokeAccess(db, { connectAppSid: app.sid, accountSid: users[1]!.sid, now: nextInstant() });
    await twilioClient(server.current.url, developer.sid, developer.auth_token).api.v2010.account.connectApps(app.sid).remove();
    const forms = await callbacks(path, 2, developer);
    // The revoked grant was told once, at its revocation; deletion tells only the grant still active.
    assert.deepEqual(forms.map((f) => f.AccountSid).sort(), [...connectSids].sort());
  });

  test('two revocations of one grant at once end it once', async () => {
    const db = server.current.deps.db;
    const { developer, app, path } = await developerApp();
    const customer = await makeAccount(db, 'Customer');
    await authorize(db, app, customer);
    const now = nextInstant();
    const results = await Promise.allSettled([1, 2, 3].map(() => revokeAccess(db, { connectAppSid: app.sid, accountSid: customer.sid, now })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    await callbacks(path, 1, developer);
  });
});
