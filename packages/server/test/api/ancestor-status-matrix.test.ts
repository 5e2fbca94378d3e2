import assert from 'node:assert/strict';
import { test } from 'node:test';
import twilio from 'twilio';
import { updateAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/**
 * The permission matrix's other axis: the status of every account a request's credentials depend on.
 * A Connect App owned by a developer's subaccount, authorized by a customer: the developer's top-level
 * account, the owning subaccount, the customer's account and the Connect subaccount each active,
 * suspended or closed, in every combination. A suspended or closed account, and everything below it,
 * authenticates nothing (401 / 20003). Statuses are set directly, so grants stay as they were.
 */

const STATUSES = ['active', 'suspended', 'closed'] as const;
type Status = (typeof STATUSES)[number];
const ROLES = ['developer', 'owner', 'customer', 'connect'] as const;
type Role = (typeof ROLES)[number];
const NAMES: Record<Role, string> = {
  developer: "the developer's top-level account",
  owner: "the app's owner (the developer's subaccount)",
  customer: "the customer's account",
  connect: 'the Connect subaccount',
};

const combinations = (): Array<Record<Role, Status>> =>
  ROLES.reduce<Array<Record<Role, Status>>>(
    (rows, role) => rows.flatMap((row) => STATUSES.map((status) => ({ ...row, [role]: status }))),
    [{} as Record<Role, Status>],
  );

/** The HTTP status and Twilio code a request ended in. */
async function outcome(client: TwilioClient, request: () => Promise<unknown>): Promise<string> {
  try {
    await request();
    return String(client.httpClient.lastResponse!.statusCode);
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${String(error)}`);
    return `${error.status}/${error.code}`;
  }
}

onEachDatabase('The permission matrix by the status of every account above the credentials', (database) => {
  const server = serveForSuite(database);

  for (const statuses of combinations()) {
    const inactive = ROLES.filter((role) => statuses[role] !== 'active');
    const connectWorks = inactive.length === 0;
    const ownerWorks = statuses.developer === 'active' && statuses.owner === 'active';
    const customerWorks = statuses.customer === 'active';
    const described = inactive.length === 0 ? 'every account active' : inactive.map((r) => `${NAMES[r]} ${statuses[r]}`).join(', ');

    test(`${described}: Connect credentials ${connectWorks ? 'work' : 'get 401/20003'}, the owner's ${ownerWorks ? 'work' : 'get 401/20003'}, the customer's ${customerWorks ? 'work' : 'get 401/20003'}`, async () => {
      const db = server.current.deps.db;
      const developer = await makeAccount(db, 'Developer');
      const owner = await makeAccount(db, 'App owner', 'Full', developer.sid);
      const customer = await makeAccount(db, 'Customer');
      const app = await makeApp(db, owner, ['get-all', 'post-all']);
      const connectSid = await authorize(db, app, customer);
      const sids: Record<Role, string> = { developer: developer.sid, owner: owner.sid, customer: customer.sid, connect: connectSid };
      for (const role of inactive) await updateAccount(db, sids[role], { status: statuses[role] }, nextInstant());

      const url = server.current.url;
      const connect = twilioClient(url, connectSid, owner.auth_token);
      const connectInCustomer = twilioClient(url, connectSid, owner.auth_token, customer.sid);
      const refused = '401/20003';
      assert.deepEqual(
        {
          listAccounts: await outcome(connect, () => connect.api.v2010.accounts.page()),
          customerCalls: await outcome(connectInCustomer, () => connectInCustomer.calls.page()),
          sendMessage: await outcome(connect, () => connect.messages.create({ to: '+12125550100', from: '+15005550006', body: 'hi' })),
        },
        connectWorks ? { listAccounts: '200', customerCalls: '200', sendMessage: '201' } : { listAccounts: refused, customerCalls: refused, sendMessage: refused },
      );
      const ownClient = (account: Account) => twilioClient(url, account.sid, account.auth_token);
      const ownerClient = ownClient(owner);
      const customerClient = ownClient(customer);
      assert.equal(await outcome(ownerClient, () => ownerClient.api.v2010.account.fetch()), ownerWorks ? '200' : refused);
      assert.equal(await outcome(customerClient, () => customerClient.api.v2010.account.fetch()), customerWorks ? '200' : refused);
    });
  }
});
