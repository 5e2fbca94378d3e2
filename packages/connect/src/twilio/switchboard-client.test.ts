import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConnectError } from '../errors.ts';
import { withServer } from '../../test/server.ts';
import { ACCOUNT_SID, SUBACCOUNT_SID } from '../../test/sids.ts';
import { switchboardClient } from './switchboard-client.ts';
import { SwitchboardRequestClient } from './switchboard-request-client.ts';

interface Recorded { method: string; path: string; auth: string; body: string }

const account = (sid: string) => ({
  sid, friendly_name: 'Subaccount for ConnectApp: Call Analytics', owner_account_sid: ACCOUNT_SID, auth_token: null,
  status: 'active', type: 'Full', date_created: 'Wed, 01 Jan 2020 00:00:00 +0000', date_updated: 'Wed, 01 Jan 2020 00:00:00 +0000',
  uri: `/2010-04-01/Accounts/${sid}.json`, subresource_uris: {},
});

// Records each request and answers like Twilio: an account fetch, or a two-page account list.
function recorder(seen: Recorded[]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    seen.push({ method: req.method ?? '', path: req.url ?? '', auth, body });
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/prefix/, '');
    res.setHeader('Content-Type', 'application/json');
    if (path.endsWith('/Accounts.json')) {
      const first = !req.url?.includes('PageToken');
      res.end(JSON.stringify({
        accounts: [account(first ? SUBACCOUNT_SID : ACCOUNT_SID)], page: first ? 0 : 1, page_size: 1, first_page_uri: '/2010-04-01/Accounts.json?PageSize=1&Page=0',
        next_page_uri: first ? '/2010-04-01/Accounts.json?PageSize=1&Page=1&PageToken=PA1' : null, previous_page_uri: null, start: 0, end: 0, uri: '/2010-04-01/Accounts.json',
      }));
    } else {
      res.end(JSON.stringify(account(/Accounts\/(AC\w+)/.exec(path)?.[1] ?? '')));
    }
  };
}

test('requests reach the Switchboard base URL with the path, query and Basic credentials twilio-node built', async () => {
  const seen: Recorded[] = [];
  await withServer(recorder(seen), async (origin) => {
    const client = switchboardClient(SUBACCOUNT_SID, 'developer_token', { baseUrl: origin });
    const fetched = await client.api.v2010.accounts(SUBACCOUNT_SID).fetch();
    assert.equal(fetched.friendlyName, 'Subaccount for ConnectApp: Call Analytics');
    await client.api.v2010.accounts(SUBACCOUNT_SID).update({ friendlyName: 'a b&c' });
  });
  assert.deepEqual(seen, [
    { method: 'GET', path: `/2010-04-01/Accounts/${SUBACCOUNT_SID}.json`, auth: `${SUBACCOUNT_SID}:developer_token`, body: '' },
    { method: 'POST', path: `/2010-04-01/Accounts/${SUBACCOUNT_SID}.json`, auth: `${SUBACCOUNT_SID}:developer_token`, body: 'FriendlyName=a%20b%26c' },
  ]);
});

test('paging follows next_page_uri to Switchboard, not to api.twilio.com, and keeps a base path prefix', async () => {
  const seen: Recorded[] = [];
  await withServer(recorder(seen), async (origin) => {
    const client = switchboardClient(ACCOUNT_SID, 'token', { baseUrl: `${origin}/prefix/` });
    const accounts = await client.api.v2010.accounts.list({ pageSize: 1 });
    assert.deepEqual(accounts.map((a) => a.sid), [SUBACCOUNT_SID, ACCOUNT_SID]);
  });
  assert.deepEqual(seen.map((r) => r.path), ['/prefix/2010-04-01/Accounts.json?PageSize=1', '/prefix/2010-04-01/Accounts.json?PageSize=1&Page=1&PageToken=PA1']);
});

test('an edge and region, or an API key with accountSid, still reach Switchboard with those credentials', async () => {
  const seen: Recorded[] = [];
  await withServer(recorder(seen), async (origin) => {
    const client = switchboardClient('SK0123', 'key_secret', { baseUrl: origin, accountSid: SUBACCOUNT_SID, edge: 'sydney', region: 'au1' });
    await client.api.v2010.accounts(SUBACCOUNT_SID).fetch();
  });
  assert.deepEqual(seen.map((r) => [r.path, r.auth]), [[`/2010-04-01/Accounts/${SUBACCOUNT_SID}.json`, 'SK0123:key_secret']]);
});

test('a base URL that is not http(s) is refused when the client is made', () => {
  assert.throws(() => new SwitchboardRequestClient('ftp://example.com'), (e: unknown) => e instanceof ConnectError && e.code === 'invalid_base_url');
  assert.throws(() => switchboardClient(ACCOUNT_SID, 'token', { baseUrl: 'not a url' }), (e: unknown) => e instanceof ConnectError && e.code === 'invalid_base_url');
});
