import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, test } from 'node:test';
import { promisify } from 'node:util';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';

/** Debian's python3-twilio installs into the system Python, which a pyenv or venv on PATH would hide. */
const PYTHON = '/usr/bin/python3';

/** twilio-python pointed at Switchboard, authenticating with a key: prints the account of each message it lists. */
const SCRIPT = `
import json, sys
from urllib.parse import urlsplit, urlunsplit
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

base, key, secret, account = sys.argv[1:5]

class LocalHttpClient(TwilioHttpClient):
    def request(self, method, url, *args, **kwargs):
        b, u = urlsplit(base), urlsplit(url)
        return super().request(method, urlunsplit((b.scheme, b.netloc, u.path, u.query, u.fragment)), *args, **kwargs)

client = Client(key, secret, account, http_client=LocalHttpClient())
try:
    print(" ".join(m.account_sid for m in client.messages.list()))
except TwilioException as error:
    # A failed list page raises the response itself (twilio-python 7).
    response = error.args[1]
    print(f"error {response.status_code} {json.loads(response.text)['code']}")
`;

async function runPython(...args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(PYTHON, ['-c', SCRIPT, ...args], { timeout: 30_000 });
    return stdout.trim();
  } catch (error) {
    const missing = /No module named 'twilio'|ENOENT/.test(String((error as { stderr?: string }).stderr ?? error));
    // Never skipped: without twilio-python this test fails and says how to get it.
    if (missing) assert.fail('twilio-python is not installed: apt-get install -y python3-twilio (.ci/run installs it).');
    throw error;
  }
}

onEachDatabase('twilio-python with an API key', (database) => {
  const server = serveForSuite(database);
  let owner: Account;

  before(async () => {
    owner = await makeAccount(server.current.deps.db, 'Python shop');
  });

  test('Client(key, secret, account_sid) acts as the account, and stops once the key is deleted', async () => {
    const asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
    await asOwner.messages.create({ to: '+12125550100', from: '+15005550006', body: 'for python' });
    const key = await asOwner.newKeys.create({ friendlyName: 'python' });

    assert.equal(await runPython(server.current.url, key.sid, key.secret, owner.sid), owner.sid);
    await asOwner.keys(key.sid).remove();
    assert.equal(await runPython(server.current.url, key.sid, key.secret, owner.sid), 'error 401 20003');
  });
});
