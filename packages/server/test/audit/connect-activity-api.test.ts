import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { insertActivity } from '../../src/storage/repositories/connect-activity.ts';
import { control } from '../support/controls.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, fund, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient } from '../support/twilio-client.ts';

const own = (account: Account) => ({ username: account.sid, password: account.auth_token });
const DAY_MS = 86_400_000;

interface Entry {
  sid: string;
  account_sid: string;
  connect_app_sid: string;
  subaccount_sid: string;
  method: string;
  path: string;
  resource: string;
  status: number;
  error_code: number | null;
  missing_permission: string | null;
  resource_sid: string | null;
  price: string | null;
  date_created: string;
}

onEachDatabase('The Connect audit trail through /_switchboard/Accounts/{Sid}/ConnectActivity.json', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let developer: Account;
  let stranger: Account;
  let readerSid: string;
  let chargerSid: string;
  let readerApp: string;
  let chargerApp: string;
  let numberSid: string;

  const url = () => server.current.url;
  const activity = async (query = '', as = own(owner), accountSid = owner.sid) => {
    await server.current.deps.audit!.flush();
    return control(url(), as, 'GET', `/Accounts/${accountSid}/ConnectActivity.json${query}`);
  };
  const entries = async (query = ''): Promise<Entry[]> => {
    const answer = await activity(query);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.connect_activity;
  };

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Customer');
    await fund(db, owner.sid, 20);
    developer = await makeAccount(db, 'Developer');
    stranger = await makeAccount(db, 'Stranger');
    const reader = await makeApp(db, developer, ['get-all'], 'Reader');
    const charger = await makeApp(db, developer, ['get-all', 'post-all'], 'Charger');
    [readerApp, chargerApp] = [reader.sid, charger.sid];
    readerSid = await authorize(db, reader, owner);
    chargerSid = await authorize(db, charger, owner);

    const asReader = twilioClient(url(), readerSid, developer.auth_token, owner.sid);
    await asReader.messages.list({ to: '+12125550100', limit: 5 });
    assert.deepEqual(await refusal(twilioClient(url(), readerSid, developer.auth_token).messages.create({ to: '+12125550100', from: '+15005550006', body: 'hi' })), { status: 403, code: 20006 });
    assert.deepEqual(await refusal(asReader.api.v2010.accounts(owner.sid).update({ friendlyName: 'Taken over' })), { status: 403, code: 20006 });
    const asCharger = twilioClient(url(), chargerSid, developer.auth_token);
    numberSid = (await asCharger.incomingPhoneNumbers.create({ phoneNumber: '+14155550193' })).sid;
    // The customer's own requests are not Connect activity.
    await twilioClient(url(), owner.sid, owner.auth_token).messages.list({ limit: 1 });
  });

  test("every Connect request is listed newest first with app, accounts, method, path, status and code; the customer's own are not", async () => {
    const listed = await entries();
    assert.deepEqual(
      listed.map((e) => [e.connect_app_sid, e.method, e.status, e.error_code]),
      [
        [chargerApp, 'POST', 201, null],
        [readerApp, 'POST', 403, 20006],
        [readerApp, 'POST', 403, 20006],
        [readerApp, 'GET', 200, null],
      ],
    );
    for (const e of listed) {
      assert.match(e.sid, /^RQ[0-9a-f]{32}$/);
      assert.equal(e.account_sid, owner.sid);
      assert.match(e.date_created, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    }
    assert.equal(listed[3]!.path, `/2010-04-01/Accounts/${owner.sid}/Messages.json`, 'the query string is not kept');
    assert.equal(listed[3]!.subaccount_sid, readerSid);
    assert.equal(listed[3]!.resource, 'Messages');
  });

  test('a denial names the permission that was missing, or that no grant allows it', async () => {
    const denied = await entries('?Status=403');
    assert.deepEqual(denied.map((e) => [e.resource, e.missing_permission]), [['Accounts', 'never'], ['Messages', 'post-all']]);
  });

  test('a purchase carries what it bought and its price', async () => {
    const [purchase] = await entries('?Method=POST&Status=201');
    assert.equal(purchase!.resource_sid, numberSid);
    assert.equal(purchase!.resource, 'IncomingPhoneNumbers');
    assert.equal(purchase!.price, '-1.15000');
  });

  test('filters by resource, method, app and day combine', async () => {
    assert.equal((await entries('?Resource=Messages')).length, 2);
    assert.equal((await entries('?Resource=Messages&Method=get')).length, 1);
    assert.equal((await entries(`?ConnectAppSid=${chargerApp}`)).length, 1);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await entries(`?Day=${today}`)).length, 4);
    assert.equal((await entries('?Day=2001-01-01')).length, 0);
    assert.equal((await entries('?StartTime>=2001-01-01&StartTime<=2001-01-02')).length, 0);
  });

  test('pages are keyset-paged and their links keep the filters', async () => {
    const first = await activity('?PageSize=2&Resource=Messages');
    assert.equal(first.body.connect_activity.length, 2);
    assert.equal(first.body.next_page_uri, null);
    const page1 = await activity('?PageSize=2');
    assert.match(page1.body.next_page_uri, /^\/_switchboard\/Accounts\/AC[0-9a-f]{32}\/ConnectActivity\.json\?PageSize=2&Page=1&PageToken=PA/);
    const page2 = await control(url(), own(owner), 'GET', page1.body.next_page_uri.replace('/_switchboard', ''));
    assert.equal(page2.status, 200);
    const sids = [...page1.body.connect_activity, ...page2.body.connect_activity].map((e: Entry) => e.sid);
    assert.deepEqual(sids, (await entries()).map((e) => e.sid));
    assert.equal(page2.body.next_page_uri, null);
    assert.match(page2.body.previous_page_uri, /PageToken=PB/);
  });

  test('bad filters and paging are 400s that say what fits', async () => {
    for (const query of ['?Status=ok', '?Method=PUT', '?Resource=../Calls', '?Day=2024-02-30', '?ConnectAppSid=CN1', '?PageToken=nonsense', '?PageSize=0', '?Colour=red']) {
      const answer = await activity(query);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.code, 20001, query);
      assert.match(answer.body.message, /\S+ (must|is not|'Colour')|not valid/, query);
    }
  });

  test('Connect credentials are refused with 20006, other tenants with 401, a Connect subaccount sees its own app', async () => {
    const asApp = await activity('', { username: chargerSid, password: developer.auth_token });
    assert.deepEqual([asApp.status, asApp.body.code], [403, 20006]);
    const asStranger = await activity('', own(stranger));
    assert.deepEqual([asStranger.status, asStranger.body.code], [401, 20003]);
    const asDeveloper = await activity('', own(developer));
    assert.deepEqual([asDeveloper.status, asDeveloper.body.code], [401, 20003]);
    const subaccount = await activity('', own(owner), chargerSid);
    assert.equal(subaccount.status, 200);
    // The refused look at the trail above is itself in the trail.
    assert.deepEqual(
      subaccount.body.connect_activity.map((e: Entry) => [e.connect_app_sid, e.resource, e.status, e.missing_permission]),
      [[chargerApp, 'Controls', 403, 'never'], [chargerApp, 'IncomingPhoneNumbers', 201, null]],
    );
  });

  test('entries past retention are pruned', async () => {
    const { db, audit, clock } = server.current.deps;
    const old = clock() - 31 * DAY_MS;
    const row = { sid: `RQ${'0'.repeat(32)}`, account_sid: owner.sid, subaccount_sid: readerSid, connect_app_sid: readerApp, developer_account_sid: developer.sid, method: 'GET', path: '/2010-04-01/Accounts.json', resource: 'Accounts', status: 200, error_code: null, missing_permission: null, resource_sid: null, day: new Date(old).toISOString().slice(0, 10), date_created: old };
    const before = (await entries()).length;
    await insertActivity(db, [row]);
    assert.equal((await entries()).length, before + 1);
    assert.equal(await audit!.prune(), 1);
    assert.equal((await entries()).length, before);
  });
});

onEachDatabase('The Connect audit trail switched off', (database) => {
  const server = serveForSuite(database, { env: { SWITCHBOARD_AUDIT: 'off' } });

  test('with SWITCHBOARD_AUDIT=off Connect requests are served and nothing is recorded', async () => {
    const { db } = server.current.deps;
    const owner = await makeAccount(db, 'Customer');
    const developer = await makeAccount(db, 'Developer');
    const connectSid = await authorize(db, await makeApp(db, developer, ['get-all']), owner);
    assert.equal(server.current.deps.audit, null);
    await twilioClient(server.current.url, connectSid, developer.auth_token, owner.sid).messages.list({ limit: 1 });
    assert.equal((await db.selectFrom('connect_activity').selectAll().execute()).length, 0);
    const answer = await control(server.current.url, own(owner), 'GET', `/Accounts/${owner.sid}/ConnectActivity.json`);
    assert.deepEqual(answer.body.connect_activity, []);
  });
});
