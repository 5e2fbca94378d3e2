import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { proxiedForSuite, run, twilioCli } from '../support/proxy.ts';

/** The repository root, where `require('twilio')` finds the twilio-node the project installs. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PYTHON = '/usr/bin/python3'; // Debian's, with Debian's python3-twilio

onEachDatabase('Unchanged official clients reach Switchboard at https://api.twilio.com', (database) => {
  const proxied = proxiedForSuite(database);
  let account: Account;

  before(async () => {
    account = await makeAccount(proxied.current.server.deps.db, 'Reached through the proxy');
  });

  test('twilio-node with no httpClient, credentials from the environment', async () => {
    const script = `require('twilio')().api.v2010.accounts(process.env.TWILIO_ACCOUNT_SID).fetch()
      .then((a) => console.log(JSON.stringify({ sid: a.sid, name: a.friendlyName, uri: a.uri })), (e) => { console.error(e.message); process.exit(1); })`;
    const result = await run(process.execPath, ['-e', script], proxied.current.childEnv(account), ROOT);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { sid: account.sid, name: 'Reached through the proxy', uri: `/2010-04-01/Accounts/${account.sid}.json` });
  });

  test('twilio-node with wrong credentials gets Switchboard\'s 401, not Twilio\'s', async () => {
    const script = `require('twilio')(process.env.TWILIO_ACCOUNT_SID, '0'.repeat(32)).api.v2010.accounts.list()
      .then(() => process.exit(1), (e) => console.log(JSON.stringify({ status: e.status, code: e.code })))`;
    const result = await run(process.execPath, ['-e', script], proxied.current.childEnv(account), ROOT);
    assert.deepEqual(JSON.parse(result.stdout), { status: 401, code: 20003 });
  });

  test("twilio-python (Debian's python3-twilio), credentials from the environment", async () => {
    const script = 'from twilio.rest import Client\nimport os\na = Client().api.v2010.accounts(os.environ["TWILIO_ACCOUNT_SID"]).fetch()\nprint(a.sid, a.friendly_name)';
    const result = await run(PYTHON, ['-c', script], proxied.current.childEnv(account));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), `${account.sid} Reached through the proxy`);
  });

  test('twilio-cli, credentials from the environment', async () => {
    const result = await run(twilioCli(), ['api:core:accounts:fetch', '--sid', account.sid, '-o', 'json'], proxied.current.childEnv(account));
    assert.equal(result.code, 0, result.stderr);
    const [fetched] = JSON.parse(result.stdout) as { sid: string; friendlyName: string }[];
    assert.deepEqual({ sid: fetched!.sid, friendlyName: fetched!.friendlyName }, { sid: account.sid, friendlyName: 'Reached through the proxy' });
  });

  test('curl, which verifies the certificate against the bundle', async () => {
    const url = `https://api.twilio.com/2010-04-01/Accounts/${account.sid}.json`;
    const result = await run('curl', ['-sS', '--fail-with-body', '-u', `${account.sid}:${account.auth_token}`, url], proxied.current.childEnv());
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).sid, account.sid);
  });

  test('curl without the bundle refuses the certificate: only the environment makes it trusted', async () => {
    const { CURL_CA_BUNDLE: _bundle, SSL_CERT_FILE: _file, ...env } = proxied.current.childEnv();
    const result = await run('curl', ['-sS', 'https://api.twilio.com/2010-04-01/Accounts.json'], env);
    assert.equal(result.code, 60, result.stderr); // curl: peer certificate cannot be authenticated
  });
});
