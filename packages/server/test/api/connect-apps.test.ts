import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import twilio from 'twilio';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/** Asserts that a twilio-node call failed with Twilio's error, by HTTP status and Twilio code. */
const rejectsWith = (promise: Promise<unknown>, status: number, code: number) =>
  assert.rejects(promise, (error) => {
    assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${String(error)}`);
    assert.deepEqual({ status: error.status, code: error.code }, { status, code });
    return true;
  });

/** The raw form bodies twilio-node puts on the wire, as axios sends them. */
function recordBodies(client: TwilioClient): string[] {
  const bodies: string[] = [];
  client.httpClient.axios.interceptors.request.use((config) => {
    if (typeof config.data === 'string') bodies.push(config.data);
    return config;
  });
  return bodies;
}

const lastStatus = (client: TwilioClient): number | undefined => client.httpClient.lastResponse?.statusCode;

/** Switchboard's create extension through twilio-node's generic request path (it has no create method). */
const createApp = (client: TwilioClient, accountSid: string, data: Record<string, unknown>) =>
  client.api.v2010.create({ uri: `/Accounts/${accountSid}/ConnectApps.json`, method: 'post', data }) as Promise<Record<string, unknown>>;

const NEW_APP = {
  FriendlyName: 'Call Dashboards',
  CompanyName: 'Dashboards Ltd',
  Description: 'Charts of your calls',
  HomepageUrl: 'https://dashboards.example.com',
  TermsOfServiceUrl: 'https://dashboards.example.com/terms',
  AuthorizeRedirectUrl: 'https://dashboards.example.com/twilio/authorize?from=connect',
  DeauthorizeCallbackUrl: 'https://dashboards.example.com/twilio/deauthorize',
  DeauthorizeCallbackMethod: 'GET',
  Permissions: ['get-all', 'post-all'],
};

onEachDatabase('ConnectApps and AuthorizedConnectApps through twilio-node', (database) => {
  const server = serveForSuite(database);
  let developer: Account;
  let user: Account;
  let stranger: Account;

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'User');
    stranger = await makeAccount(db, 'Stranger');
  });

  const db = () => server.current.deps.db;
  const as = (account: Account, pathSid = account.sid) => twilioClient(server.current.url, account.sid, account.auth_token, pathSid);
  const connectAs = (subaccountSid: string) => twilioClient(server.current.url, subaccountSid, developer.auth_token);
  const revoke = (appSid: string, account: Account) => revokeAccess(db(), { connectAppSid: appSid, accountSid: account.sid, now: nextInstant() });

  test("the developer lists its own Connect Apps and no one else's", async () => {
    const mine = [await makeApp(db(), developer, ['get-all'], 'Listed A'), await makeApp(db(), developer, ['post-all'], 'Listed B')];
    const theirs = await makeApp(db(), stranger, ['get-all'], 'Not mine');
    const listed = await as(developer).api.v2010.account.connectApps.list();
    const sids = listed.map((a) => a.sid);
    for (const app of mine) assert.ok(sids.includes(app.sid), `${app.sid} is listed`);
    assert.ok(!sids.includes(theirs.sid));
    assert.ok(listed.every((a) => a.accountSid === developer.sid));
    assert.deepEqual(listed.find((a) => a.sid === mine[1]!.sid)?.permissions, ['post-all']);
  });

  test('the developer fetches a Connect App with every field as stored', async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Fetched');
    const fetched = await as(developer).api.v2010.account.connectApps(app.sid).fetch();
    assert.deepEqual(
      {
        accountSid: fetched.accountSid, friendlyName: fetched.friendlyName, companyName: fetched.companyName,
        description: fetched.description, homepageUrl: fetched.homepageUrl, authorizeRedirectUrl: fetched.authorizeRedirectUrl,
        deauthorizeCallbackUrl: fetched.deauthorizeCallbackUrl, deauthorizeCallbackMethod: fetched.deauthorizeCallbackMethod,
        permissions: fetched.permissions, uri: fetched.uri,
      },
      {
        accountSid: developer.sid, friendlyName: 'Fetched', companyName: app.company_name,
        description: app.description, homepageUrl: app.homepage_url, authorizeRedirectUrl: app.authorize_redirect_url,
        deauthorizeCallbackUrl: app.deauthorize_callback_url, deauthorizeCallbackMethod: 'POST',
        permissions: ['get-all'], uri: `/2010-04-01/Accounts/${developer.sid}/ConnectApps/${app.sid}.json`,
      },
    );
  });

  test("another account's Connect App is not found under the developer's account", async () => {
    const theirs = await makeApp(db(), stranger, ['get-all'], 'Elsewhere');
    await rejectsWith(as(developer).api.v2010.account.connectApps(theirs.sid).fetch(), 404, 20404);
  });

  test('an update answers 200, and twilio-node sends Permissions as repeated keys', async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Before update');
    const client = as(developer);
    const sent = recordBodies(client);
    const updated = await client.api.v2010.account.connectApps(app.sid).update({
      friendlyName: 'After update',
      deauthorizeCallbackMethod: 'GET',
      permissions: ['get-all', 'post-all'],
    });
    assert.equal(lastStatus(client), 200);
    assert.equal(sent.length, 1);
    assert.deepEqual(new URLSearchParams(sent[0]).getAll('Permissions'), ['get-all', 'post-all']);
    assert.deepEqual([updated.friendlyName, updated.deauthorizeCallbackMethod, updated.permissions], ['After update', 'GET', ['get-all', 'post-all']]);
    assert.equal(updated.companyName, app.company_name, 'fields not sent are kept');
    const fetched = await client.api.v2010.account.connectApps(app.sid).fetch();
    assert.deepEqual([fetched.friendlyName, fetched.permissions], ['After update', ['get-all', 'post-all']]);
  });

  test('an update also takes Permissions as one comma-separated value, as the spec describes it', async () => {
    const app = await makeApp(db(), developer, [], 'Comma list');
    const client = as(developer);
    const response = await client.request({
      method: 'post',
      uri: `https://api.twilio.com/2010-04-01/Accounts/${developer.sid}/ConnectApps/${app.sid}.json`,
      data: { Permissions: 'post-all,get-all' },
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual((response.body as { permissions: string[] }).permissions, ['get-all', 'post-all']);
  });

  test('removing a Connect App answers 204, after which it is not found', async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Removed');
    const client = as(developer);
    const removed = await client.api.v2010.account.connectApps(app.sid).removeWithHttpInfo();
    assert.deepEqual([removed.statusCode, removed.body], [204, true]);
    await rejectsWith(client.api.v2010.account.connectApps(app.sid).fetch(), 404, 20404);
    await rejectsWith(client.api.v2010.account.connectApps(app.sid).remove(), 404, 20404);
    assert.ok(!(await client.api.v2010.account.connectApps.list()).some((a) => a.sid === app.sid));
  });

  test('remove() resolves true', async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Removed too');
    const client = as(developer);
    assert.equal(await client.api.v2010.account.connectApps(app.sid).remove(), true);
    assert.equal(lastStatus(client), 204);
  });

  test('creating a Connect App through the extension answers 201 with the new app', async () => {
    const client = as(developer);
    const app = await createApp(client, developer.sid, NEW_APP);
    assert.equal(lastStatus(client), 201);
    assert.match(String(app.sid), /^CN[0-9a-f]{32}$/);
    assert.deepEqual(app, {
      account_sid: developer.sid,
      authorize_redirect_url: NEW_APP.AuthorizeRedirectUrl,
      company_name: NEW_APP.CompanyName,
      deauthorize_callback_method: 'GET',
      deauthorize_callback_url: NEW_APP.DeauthorizeCallbackUrl,
      description: NEW_APP.Description,
      friendly_name: NEW_APP.FriendlyName,
      homepage_url: NEW_APP.HomepageUrl,
      permissions: ['get-all', 'post-all'],
      sid: app.sid,
      uri: `/2010-04-01/Accounts/${developer.sid}/ConnectApps/${app.sid}.json`,
    });
    const fetched = await client.api.v2010.account.connectApps(String(app.sid)).fetch();
    assert.equal(fetched.friendlyName, NEW_APP.FriendlyName);
  });

  test('creating a Connect App without FriendlyName, CompanyName or AuthorizeRedirectUrl is a 400 and creates nothing', async () => {
    const client = as(developer);
    for (const missing of ['FriendlyName', 'CompanyName', 'AuthorizeRedirectUrl'] as const) {
      const { [missing]: _left, ...data } = NEW_APP;
      const before = (await client.api.v2010.account.connectApps.list()).length;
      await rejectsWith(createApp(client, developer.sid, data), 400, 20001);
      assert.equal((await client.api.v2010.account.connectApps.list()).length, before, `nothing created without ${missing}`);
    }
  });

  test('a Trial account cannot create a Connect App', async () => {
    const trial = await makeAccount(db(), 'Trial developer', 'Trial');
    const client = as(trial);
    await rejectsWith(createApp(client, trial.sid, NEW_APP), 403, 20403);
    assert.deepEqual(await client.api.v2010.account.connectApps.list(), []);
  });

  test("an authorized app appears on the user's account with what the user granted", async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Authorized');
    await authorize(db(), app, user);
    const client = as(user);
    const listed = await client.api.v2010.account.authorizedConnectApps.list();
    const entry = listed.find((a) => a.connectAppSid === app.sid);
    assert.ok(entry, 'the app is listed');
    const fetched = await client.api.v2010.account.authorizedConnectApps(app.sid).fetch();
    for (const shown of [entry, fetched]) {
      assert.deepEqual(
        {
          accountSid: shown.accountSid, connectAppSid: shown.connectAppSid, connectAppFriendlyName: shown.connectAppFriendlyName,
          connectAppCompanyName: shown.connectAppCompanyName, connectAppDescription: shown.connectAppDescription,
          connectAppHomepageUrl: shown.connectAppHomepageUrl, permissions: shown.permissions, uri: shown.uri,
        },
        {
          accountSid: user.sid, connectAppSid: app.sid, connectAppFriendlyName: 'Authorized',
          connectAppCompanyName: app.company_name, connectAppDescription: app.description,
          connectAppHomepageUrl: app.homepage_url, permissions: ['get-all'],
          uri: `/2010-04-01/Accounts/${user.sid}/AuthorizedConnectApps/${app.sid}.json`,
        },
      );
    }
  });

  test("an app is listed on the authorizing user's account only, not on the developer's", async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Only on the user');
    await authorize(db(), app, user);
    assert.ok(!(await as(developer).api.v2010.account.authorizedConnectApps.list()).some((a) => a.connectAppSid === app.sid));
    await rejectsWith(as(developer).api.v2010.account.authorizedConnectApps(app.sid).fetch(), 404, 20404);
  });

  test('a revoked app disappears from the list and cannot be fetched, while other grants stay', async () => {
    const kept = await makeApp(db(), developer, ['get-all'], 'Kept');
    const revoked = await makeApp(db(), developer, ['get-all'], 'Revoked');
    await authorize(db(), kept, user);
    await authorize(db(), revoked, user);
    await revoke(revoked.sid, user);
    const client = as(user);
    const sids = (await client.api.v2010.account.authorizedConnectApps.list()).map((a) => a.connectAppSid);
    assert.ok(sids.includes(kept.sid));
    assert.ok(!sids.includes(revoked.sid));
    await rejectsWith(client.api.v2010.account.authorizedConnectApps(revoked.sid).fetch(), 404, 20404);
    assert.equal((await client.api.v2010.account.authorizedConnectApps(kept.sid).fetch()).connectAppSid, kept.sid);
  });

  test("re-authorization reuses the same Connect subaccount and records the app's permissions of that moment", async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Growing');
    const subaccount = await authorize(db(), app, user);
    await as(developer).api.v2010.account.connectApps(app.sid).update({ permissions: ['get-all', 'post-all'] });
    const userClient = as(user);
    const granted = () => userClient.api.v2010.account.authorizedConnectApps(app.sid).fetch().then((a) => a.permissions);
    assert.deepEqual(await granted(), ['get-all'], 'a permission added later is not granted yet');

    assert.equal(await authorize(db(), app, user), subaccount);
    assert.deepEqual(await granted(), ['get-all', 'post-all']);

    await revoke(app.sid, user);
    assert.equal(await authorize(db(), app, user), subaccount, 'authorizing after a revocation reuses it too');
    assert.deepEqual(await granted(), ['get-all', 'post-all']);
    const account = await userClient.api.v2010.accounts(subaccount).fetch();
    assert.deepEqual([account.friendlyName, account.ownerAccountSid], ['Subaccount for ConnectApp: Growing', user.sid]);
  });

  test("deleting an app ends its grants: its Connect credentials get 403/20006 and it leaves the user's authorized apps", async () => {
    const app = await makeApp(db(), developer, ['get-all'], 'Deleted');
    const subaccount = await authorize(db(), app, user);
    const connect = connectAs(subaccount);
    assert.equal((await connect.api.v2010.account.fetch()).sid, subaccount, 'the credentials work before');
    assert.equal(await as(developer).api.v2010.account.connectApps(app.sid).remove(), true);
    await rejectsWith(connect.api.v2010.account.fetch(), 403, 20006);
    await rejectsWith(connect.api.v2010.accounts.list(), 403, 20006);
    assert.ok(!(await as(user).api.v2010.account.authorizedConnectApps.list()).some((a) => a.connectAppSid === app.sid));
  });
});
