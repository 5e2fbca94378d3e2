import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { PageClient, pageText } from '../support/page-client.ts';
import { uniqueEmail } from './steps.ts';

onEachDatabase('API keys in the Console', (database) => {
  const server = serveConsoleForSuite(database);
  let client: PageClient;
  let accountSid: string;

  before(async () => {
    client = new PageClient(server.current.url);
    assert.equal((await client.signUp(uniqueEmail('keys'))).status, 303);
    accountSid = /id="account-sid">(AC[0-9a-f]{32})</.exec((await client.get('/console/account')).html)![1]!;
  });

  const apiStatus = async (username: string, password: string) =>
    (await fetch(`${server.current.url}/2010-04-01/Accounts/${accountSid}/Calls.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    })).status;

  test('the Account page creates a key, shows its secret once, and deleting it stops it at once', async () => {
    assert.match(pageText((await client.get('/console/account')).html), /No API keys yet/);
    const created = await client.post('/console/account/keys', { friendlyName: 'Deploy bot' });
    assert.equal(created.status, 200);
    const sid = /Key <code>(SK[0-9a-f]{32})<\/code> created/.exec(created.html)?.[1];
    const secret = /id="new-key-secret">([A-Za-z0-9]{32})</.exec(created.html)?.[1];
    assert.ok(sid && secret, 'the new key and its secret are shown');
    assert.equal(await apiStatus(sid, secret), 200, 'the key authenticates');

    const later = await client.get('/console/account');
    assert.ok(later.html.includes(sid) && later.html.includes('Deploy bot'), 'the key is listed');
    assert.ok(!later.html.includes(secret), 'the secret is not shown again');

    const deleted = await client.post(`/console/account/keys/${sid}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get('location'), '/console/account?key-deleted=1');
    assert.equal(await apiStatus(sid, secret), 401, 'a deleted key stops at once');
    assert.ok(!(await client.get('/console/account')).html.includes(sid));
  });

  test('creating or deleting a key needs the form\'s CSRF token, and another account\'s key cannot be deleted', async () => {
    assert.equal((await client.post('/console/account/keys', { csrf: 'guess', friendlyName: 'x' })).status, 403);
    const other = new PageClient(server.current.url);
    await other.signUp(uniqueEmail('other'));
    await other.get('/console/account');
    const sid = /Key <code>(SK[0-9a-f]{32})<\/code>/.exec((await other.post('/console/account/keys', { friendlyName: 'theirs' })).html)![1]!;
    assert.equal((await client.post(`/console/account/keys/${sid}/delete`, {})).status, 404);
    assert.ok((await other.get('/console/account')).html.includes(sid), 'their key is still there');
  });

  test('a key name over 64 characters is refused and creates nothing', async () => {
    const response = await client.post('/console/account/keys', { friendlyName: 'n'.repeat(65) });
    assert.equal(response.status, 400);
    assert.match(pageText(response.html), /at most 64 characters/);
  });
});
