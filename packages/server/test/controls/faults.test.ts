import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { switchboardClient } from '@switchboard/connect/twilio';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { control } from '../support/controls.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient } from '../support/twilio-client.ts';

const SEND = { to: '+12125550100', from: '+15005550006', body: 'retried' };
const own = (account: Account) => ({ username: account.sid, password: account.auth_token });

onEachDatabase('Fault injection through the test controls', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let sub: Account;
  let stranger: Account;
  let developer: Account;
  let connectSid: string;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    sub = await makeAccount(db, 'Team A', 'Full', owner.sid);
    stranger = await makeAccount(db, 'Stranger');
    developer = await makeAccount(db, 'Developer');
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), owner);
  });

  const url = () => server.current.url;
  const addFault = async (account: Account, form: Record<string, string>, as = own(account)) => {
    const answer = await control(url(), as, 'POST', `/Accounts/${account.sid}/Faults.json`, form);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as { sid: string; times_remaining: number };
  };
  const clear = async (account: Account) => {
    for (const fault of (await control(url(), own(account), 'GET', `/Accounts/${account.sid}/Faults.json`)).body.faults) {
      await control(url(), own(account), 'DELETE', `/Accounts/${account.sid}/Faults/${fault.sid}.json`);
    }
  };
  const countMessages = async (accountSid: string) =>
    (await server.current.deps.db.selectFrom('messages').select('sid').where('account_sid', '=', accountSid).execute()).length;

  test('twilio-node with autoRetry sends after two injected 429s, and the failed attempts wrote nothing', async () => {
    await clear(owner);
    const fault = await addFault(owner, { Method: 'POST', Path: '*/Messages.json', Status: '429', Code: '20429', RetryAfter: '1', Times: '2' });
    assert.match(fault.sid, /^FX[0-9a-f]{32}$/);
    const before = await countMessages(owner.sid);
    const client = switchboardClient(owner.sid, owner.auth_token, { baseUrl: url(), autoRetry: true, maxRetries: 3 });
    const message = await client.messages.create(SEND);
    assert.equal(message.accountSid, owner.sid);
    assert.equal(await countMessages(owner.sid), before + 1);
    const listed = await control(url(), own(owner), 'GET', `/Accounts/${owner.sid}/Faults/${fault.sid}.json`);
    assert.equal(listed.body.times_remaining, 0);
  });

  test('without retries the app sees 429/20429 in Twilio\'s error shape, with Retry-After', async () => {
    await clear(owner);
    await addFault(owner, { Path: '*/Messages.json', Status: '429', RetryAfter: '7', Times: '2' });
    const client = twilioClient(url(), owner.sid, owner.auth_token);
    assert.deepEqual(await refusal(client.messages.list()), { status: 429, code: 20429 });
    const response = await fetch(`${url()}/2010-04-01/Accounts/${owner.sid}/Messages.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${owner.sid}:${owner.auth_token}`).toString('base64')}` },
    });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'more_info', 'status']);
    assert.equal(body.code, 20429);
    assert.equal(body.status, 429);
    assert.ok(Array.isArray(await client.messages.list()), 'the fault was used up: the next request goes through');
  });

  test('a fault applies to its own account\'s credentials only, and only to the method and path it names', async () => {
    await clear(owner);
    await addFault(owner, { Method: 'POST', Path: '*/Messages.json', Status: '503', Times: '5' });
    const asStranger = twilioClient(url(), stranger.sid, stranger.auth_token);
    await asStranger.messages.create(SEND);
    const asSub = twilioClient(url(), sub.sid, sub.auth_token);
    await asSub.messages.create(SEND);
    const asOwner = twilioClient(url(), owner.sid, owner.auth_token);
    await asOwner.messages.list();
    await asOwner.calls.create({ to: '+12125550100', from: '+15005550006', url: 'https://app.example.com/twiml' });
    assert.deepEqual(await refusal(asOwner.messages.create(SEND)), { status: 503, code: 20503 });
  });

  test('Connect credentials meet the faults set on the Connect subaccount by its owner', async () => {
    const connectAccount = { sid: connectSid } as Account;
    await addFault(connectAccount, { Path: '*/Calls.json', Status: '500', Code: '20500' }, own(owner));
    const asApp = twilioClient(url(), connectSid, developer.auth_token);
    assert.deepEqual(await refusal(asApp.calls.list()), { status: 500, code: 20500 });
    assert.deepEqual(await asApp.calls.list(), []);
  });

  test('a fault with DelayMs and no Status holds the request, then lets it through', async () => {
    await clear(owner);
    const fault = await addFault(owner, { Path: '*/Calls.json', DelayMs: '50' });
    const client = twilioClient(url(), owner.sid, owner.auth_token);
    assert.ok(Array.isArray(await client.calls.list()));
    assert.equal((await control(url(), own(owner), 'GET', `/Accounts/${owner.sid}/Faults/${fault.sid}.json`)).body.times_remaining, 0);
  });

  test('concurrent requests use a fault exactly as many times as it was set for', async () => {
    await clear(owner);
    await addFault(owner, { Path: '*/Calls.json', Status: '429', Times: '3' });
    const client = twilioClient(url(), owner.sid, owner.auth_token);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => client.calls.page()));
    assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 3);
  });

  test('faults are listed, fetched and deleted; a deleted fault no longer fires', async () => {
    await clear(stranger);
    const fault = await addFault(stranger, { Path: '*', Status: '500', Times: '10' });
    const listed = await control(url(), own(stranger), 'GET', `/Accounts/${stranger.sid}/Faults.json`);
    assert.deepEqual(listed.body.faults.map((f: { sid: string }) => f.sid), [fault.sid]);
    assert.equal(listed.body.faults[0].uri, `/_switchboard/Accounts/${stranger.sid}/Faults/${fault.sid}.json`);
    assert.equal((await control(url(), own(stranger), 'DELETE', `/Accounts/${stranger.sid}/Faults/${fault.sid}.json`)).status, 204);
    assert.ok(Array.isArray(await twilioClient(url(), stranger.sid, stranger.auth_token).calls.list()));
    assert.equal((await control(url(), own(stranger), 'GET', `/Accounts/${stranger.sid}/Faults/${fault.sid}.json`)).status, 404);
  });

  test('the controls take the account\'s token or API key, or its parent\'s; never Connect credentials or other tenants', async () => {
    const path = (account: Account | string) => `/Accounts/${typeof account === 'string' ? account : account.sid}/Faults.json`;
    const key = await twilioClient(url(), owner.sid, owner.auth_token).newKeys.create();
    assert.equal((await control(url(), { username: key.sid, password: key.secret }, 'GET', path(owner))).status, 200);
    assert.equal((await control(url(), own(owner), 'GET', path(sub))).status, 200);

    const expectRefusal = async (answer: Promise<{ status: number; body: any }>, status: number, code: number) => {
      const { status: got, body } = await answer;
      assert.deepEqual([got, body.code], [status, code]);
    };
    const asApp = { username: connectSid, password: developer.auth_token };
    await expectRefusal(control(url(), asApp, 'GET', path(connectSid)), 403, 20006);
    await expectRefusal(control(url(), asApp, 'POST', path(connectSid), { Status: '500' }), 403, 20006);
    await expectRefusal(control(url(), own(sub), 'GET', path(owner)), 401, 20003);
    await expectRefusal(control(url(), own(stranger), 'GET', path(owner)), 401, 20003);
    await expectRefusal(control(url(), { username: owner.sid, password: 'f'.repeat(32) }, 'GET', path(owner)), 401, 20003);
    await expectRefusal(control(url(), own(owner), 'GET', `/Accounts/${owner.sid}/Faults/FXnot-a-sid.json`), 404, 20404);
  });

  test('bad input gets a clear 400 and creates nothing', async () => {
    await clear(stranger);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{}, /needs a Status/],
      [{ Status: '200' }, /Status must be a whole number from 400 to 599/],
      [{ Status: '429', Times: '0' }, /Times must be/],
      [{ Code: '20429' }, /give the Status/],
      [{ Status: '429', Method: 'PATCH' }, /Method must be one of/],
      [{ Status: '429', Path: 'Messages.json' }, /Path must be a glob/],
      [{ Status: '429', DelayMs: '-5' }, /DelayMs must be/],
      [{ Status: '429', Colour: 'red' }, /Unknown parameter 'Colour'/],
    ];
    for (const [form, message] of cases) {
      const answer = await control(url(), own(stranger), 'POST', `/Accounts/${stranger.sid}/Faults.json`, form);
      assert.equal(answer.status, 400, JSON.stringify(form));
      assert.equal(answer.body.code, 20001);
      assert.match(answer.body.message, message);
    }
    assert.deepEqual((await control(url(), own(stranger), 'GET', `/Accounts/${stranger.sid}/Faults.json`)).body.faults, []);
  });
});
