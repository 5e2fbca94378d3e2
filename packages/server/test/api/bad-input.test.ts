import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import type { ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertTwilioError } from '../support/spec-validator.ts';

/**
 * Bad requests on the real socket with plain fetch: each gets its exact 4xx as a Twilio error body,
 * and leaves every account, Connect App and grant exactly as it was.
 */

interface World {
  owner: Account;
  sub: Account;
  app: ConnectApp;
  /** An app of another developer that the owner authorized. */
  authorized: ConnectApp;
}

type Auth = 'owner' | 'none' | 'wrong-token' | 'bearer' | 'no-colon' | 'not-a-sid' | 'unknown-sid';
type Body = string | Uint8Array | 'chunked-over-limit';

interface BadRequest {
  /** Completes the test name: "… gets 404/20404 and changes nothing". */
  what: string;
  method: string;
  path: (w: World) => string;
  body?: Body | ((w: World) => Body);
  /** Defaults to the form type whenever there is a body. */
  contentType?: string;
  auth?: Auth;
  status: number;
  code: number;
  allow?: string;
}

const MiB = 1024 * 1024;
const V = '/2010-04-01';
const acct = (w: World) => `${V}/Accounts/${w.owner.sid}`;
const subPath = (w: World) => `${V}/Accounts/${w.sub.sid}.json`;
const appPath = (w: World) => `${acct(w)}/ConnectApps/${w.app.sid}.json`;
const appsPath = (w: World) => `${acct(w)}/ConnectApps.json`;
const form = (params: Record<string, string | string[]>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) search.append(name, v);
  return search.toString();
};
const NEW_APP = { FriendlyName: 'Sneaky', CompanyName: 'Sneaky Co', AuthorizeRedirectUrl: 'https://sneaky.example.com/authorize' };
const b64url = (text: string) => Buffer.from(text).toString('base64url');

const BAD_SIDS = { short: 'AC123', nonHex: `AC${'g'.repeat(32)}`, tooLong: `AC${'a'.repeat(33)}`, wrongPrefix: `CN${'a'.repeat(32)}` };

const CASES: BadRequest[] = [
  // Malformed SIDs, in every position a SID takes.
  ...Object.entries(BAD_SIDS).map(([kind, sid]): BadRequest => ({ what: `fetching an account by a ${kind} SID`, method: 'GET', path: () => `${V}/Accounts/${sid}.json`, status: 404, code: 20404 })),
  { what: 'updating an account by a malformed SID', method: 'POST', path: () => `${V}/Accounts/AC123.json`, body: form({ FriendlyName: 'x' }), status: 404, code: 20404 },
  { what: 'listing the Connect Apps of a malformed Account SID', method: 'GET', path: () => `${V}/Accounts/AC123/ConnectApps.json`, status: 404, code: 20404 },
  { what: 'creating a Connect App under a malformed Account SID', method: 'POST', path: () => `${V}/Accounts/AC123/ConnectApps.json`, body: form(NEW_APP), status: 404, code: 20404 },
  { what: 'fetching a Connect App under a malformed Account SID', method: 'GET', path: (w) => `${V}/Accounts/AC123/ConnectApps/${w.app.sid}.json`, status: 404, code: 20404 },
  { what: 'fetching a Connect App by a short SID', method: 'GET', path: (w) => `${acct(w)}/ConnectApps/CN123.json`, status: 404, code: 20404 },
  { what: 'fetching a Connect App by an Account SID', method: 'GET', path: (w) => `${acct(w)}/ConnectApps/${w.owner.sid}.json`, status: 404, code: 20404 },
  { what: 'updating a Connect App by a non-hex SID', method: 'POST', path: (w) => `${acct(w)}/ConnectApps/CN${'z'.repeat(32)}.json`, body: form({ FriendlyName: 'x' }), status: 404, code: 20404 },
  { what: 'deleting a Connect App by a too long SID', method: 'DELETE', path: (w) => `${acct(w)}/ConnectApps/${w.app.sid}0.json`, status: 404, code: 20404 },
  { what: 'listing the authorized apps of a malformed Account SID', method: 'GET', path: () => `${V}/Accounts/AC123/AuthorizedConnectApps.json`, status: 404, code: 20404 },
  { what: 'fetching an authorized app by a malformed SID', method: 'GET', path: (w) => `${acct(w)}/AuthorizedConnectApps/CN123.json`, status: 404, code: 20404 },

  // Paths that route nowhere.
  { what: 'an unknown resource', method: 'GET', path: () => `${V}/Nothing.json`, status: 404, code: 20404 },
  { what: 'a path in the wrong case', method: 'GET', path: () => `${V}/accounts.json`, status: 404, code: 20404 },
  { what: "an unknown subresource of the owner's account", method: 'GET', path: (w) => `${acct(w)}/Nothing.json`, status: 404, code: 20404 },
  { what: 'a path below a Connect App', method: 'GET', path: (w) => `${acct(w)}/ConnectApps/${w.app.sid}/Extra.json`, status: 404, code: 20404 },
  { what: 'another API version', method: 'GET', path: () => '/2099-01-01/Accounts.json', status: 404, code: 20404 },
  { what: 'a path without the .json suffix', method: 'GET', path: () => `${V}/Accounts`, status: 404, code: 20404 },
  { what: 'the account list as .xml', method: 'GET', path: () => `${V}/Accounts.xml`, status: 404, code: 20404 },
  { what: 'an account as .xml', method: 'GET', path: (w) => `${acct(w)}.xml`, status: 404, code: 20404 },
  { what: 'an account update as .xml', method: 'POST', path: (w) => `${V}/Accounts/${w.sub.sid}.xml`, body: form({ FriendlyName: 'x' }), status: 404, code: 20404 },

  // Methods a path does not take.
  { what: 'PUT on the account list', method: 'PUT', path: () => `${V}/Accounts.json`, body: form({ FriendlyName: 'x' }), status: 405, code: 20004, allow: 'GET, POST' },
  { what: 'DELETE on an account', method: 'DELETE', path: subPath, status: 405, code: 20004, allow: 'GET, POST' },
  { what: 'PATCH on a Connect App', method: 'PATCH', path: appPath, body: form({ FriendlyName: 'x' }), status: 405, code: 20004, allow: 'GET, POST, DELETE' },
  { what: 'DELETE on the Connect App list', method: 'DELETE', path: appsPath, status: 405, code: 20004, allow: 'GET, POST' },
  { what: 'POST on the authorized apps list', method: 'POST', path: (w) => `${acct(w)}/AuthorizedConnectApps.json`, body: form({ FriendlyName: 'x' }), status: 405, code: 20004, allow: 'GET' },
  { what: 'DELETE on an authorized app', method: 'DELETE', path: (w) => `${acct(w)}/AuthorizedConnectApps/${w.authorized.sid}.json`, status: 405, code: 20004, allow: 'GET' },

  // Parameters an endpoint does not take.
  { what: 'an account update with an unknown form parameter', method: 'POST', path: subPath, body: form({ FriendlyName: 'Renamed', Colour: 'red' }), status: 400, code: 20001 },
  { what: 'a subaccount creation with an unknown form parameter', method: 'POST', path: () => `${V}/Accounts.json`, body: form({ FriendlyName: 'New', Type: 'Full' }), status: 400, code: 20001 },
  { what: 'a Connect App creation with an unknown form parameter', method: 'POST', path: appsPath, body: form({ ...NEW_APP, LogoUrl: 'https://x.example.com/logo.png' }), status: 400, code: 20001 },
  { what: 'an account update with its parameters in the query string', method: 'POST', path: (w) => `${subPath(w)}?FriendlyName=Renamed`, status: 400, code: 20001 },
  { what: 'the account list with an unknown query parameter', method: 'GET', path: () => `${V}/Accounts.json?Colour=red`, status: 400, code: 20001 },
  { what: 'the Connect App list with a filter it does not have', method: 'GET', path: (w) => `${appsPath(w)}?FriendlyName=x`, status: 400, code: 20001 },
  { what: 'an account fetch with a query parameter', method: 'GET', path: (w) => `${acct(w)}.json?PageSize=10`, status: 400, code: 20001 },

  // Values outside their enum.
  { what: 'an account update to Status=bogus', method: 'POST', path: subPath, body: form({ FriendlyName: 'Renamed', Status: 'bogus' }), status: 400, code: 20001 },
  { what: 'the account list filtered by Status=bogus', method: 'GET', path: () => `${V}/Accounts.json?Status=bogus`, status: 400, code: 20001 },
  { what: 'a Connect App update to DeauthorizeCallbackMethod=PUT', method: 'POST', path: appPath, body: form({ FriendlyName: 'Renamed', DeauthorizeCallbackMethod: 'PUT' }), status: 400, code: 20001 },
  { what: 'a Connect App update to Permissions=read-all', method: 'POST', path: appPath, body: form({ Permissions: 'read-all' }), status: 400, code: 20001 },
  { what: 'a Connect App update with one good and one unknown permission', method: 'POST', path: appPath, body: form({ Permissions: ['post-all', 'read-all'] }), status: 400, code: 20001 },
  { what: 'a Connect App creation with Permissions=read-all', method: 'POST', path: appsPath, body: form({ ...NEW_APP, Permissions: 'read-all' }), status: 400, code: 20001 },

  // Names over 64 characters.
  { what: 'an account update with a 65-character FriendlyName', method: 'POST', path: subPath, body: form({ FriendlyName: 'n'.repeat(65) }), status: 400, code: 20001 },
  { what: 'a subaccount creation with a 65-character FriendlyName', method: 'POST', path: () => `${V}/Accounts.json`, body: form({ FriendlyName: 'n'.repeat(65) }), status: 400, code: 20001 },
  { what: 'a Connect App update with a 65-character FriendlyName', method: 'POST', path: appPath, body: form({ FriendlyName: 'n'.repeat(65) }), status: 400, code: 20001 },
  { what: 'a Connect App creation with a 65-character FriendlyName', method: 'POST', path: appsPath, body: form({ ...NEW_APP, FriendlyName: 'n'.repeat(65) }), status: 400, code: 20001 },

  // URLs that are not absolute http(s) URLs.
  ...([
    ['HomepageUrl', 'not a url'],
    ['HomepageUrl', '/relative/path'],
    ['AuthorizeRedirectUrl', 'javascript:alert(1)'],
    ['AuthorizeRedirectUrl', ''],
    ['DeauthorizeCallbackUrl', 'ftp://files.example.com/deauthorize'],
    ['DeauthorizeCallbackUrl', `https://example.com/${'a'.repeat(2100)}`],
  ] as const).map(([name, value]): BadRequest => ({
    what: `a Connect App update with ${name}='${value.length > 40 ? `${value.slice(0, 30)}…` : value}'`,
    method: 'POST',
    path: appPath,
    body: form({ FriendlyName: 'Renamed', [name]: value }),
    status: 400,
    code: 20001,
  })),
  { what: 'a Connect App creation with an invalid AuthorizeRedirectUrl', method: 'POST', path: appsPath, body: form({ ...NEW_APP, AuthorizeRedirectUrl: 'data:text/html,hi' }), status: 400, code: 20001 },

  // Paging parameters.
  ...['0', 'abc', '-1', '1.5', ''].map((size): BadRequest => ({ what: `the account list with PageSize='${size}'`, method: 'GET', path: () => `${V}/Accounts.json?PageSize=${size}`, status: 400, code: 20001 })),
  { what: 'the Connect App list with PageSize=0', method: 'GET', path: (w) => `${appsPath(w)}?PageSize=0`, status: 400, code: 20001 },
  { what: 'the account list with Page=-1', method: 'GET', path: () => `${V}/Accounts.json?Page=-1`, status: 400, code: 20001 },
  ...[
    ['a token that is not base64', 'PA!!!not-a-token'],
    ['a token with an unknown direction', `PX${b64url('1704067200000.ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')}`],
    ['a token carrying SQL', `PA${b64url("1.AC' OR '1'='1")}`],
    ['a token without a timestamp', `PA${b64url('yesterday.ACaaaa')}`],
    ['a token with an oversized timestamp', `PB${b64url(`${'9'.repeat(40)}.ACaaaa`)}`],
  ].map(([kind, token]): BadRequest => ({ what: `the account list with ${kind}`, method: 'GET', path: () => `${V}/Accounts.json?PageToken=${encodeURIComponent(token!)}`, status: 400, code: 20001 })),
  { what: 'the authorized apps list with a forged PageToken', method: 'GET', path: (w) => `${acct(w)}/AuthorizedConnectApps.json?PageToken=PAforged`, status: 400, code: 20001 },

  // Bodies too large, or not UTF-8 form encoding.
  { what: 'an account update with a body of 1 MiB and one byte', method: 'POST', path: subPath, body: `FriendlyName=${'x'.repeat(MiB + 1 - 'FriendlyName='.length)}`, status: 413, code: 20001 },
  { what: 'an account update streaming more than 1 MiB without a Content-Length', method: 'POST', path: subPath, body: 'chunked-over-limit', status: 413, code: 20001 },
  { what: 'an account update whose body is not UTF-8', method: 'POST', path: subPath, body: Buffer.concat([Buffer.from('FriendlyName=Caf'), Buffer.from([0xe9, 0xff])]), status: 400, code: 20001 },
  { what: 'an account update with a percent-escape that is not hex', method: 'POST', path: subPath, body: 'FriendlyName=100%ZZ', status: 400, code: 20001 },
  { what: 'an account update with a truncated percent-escape', method: 'POST', path: subPath, body: 'FriendlyName=abc%', status: 400, code: 20001 },
  { what: 'an account update whose percent-escapes are not UTF-8', method: 'POST', path: subPath, body: 'FriendlyName=%E2%82', status: 400, code: 20001 },
  { what: 'an account update with a NUL character in FriendlyName', method: 'POST', path: subPath, body: 'FriendlyName=a%00b', status: 400, code: 20001 },
  { what: 'a Connect App update with a NUL character in Description', method: 'POST', path: appPath, body: 'Description=a%00b', status: 400, code: 20001 },
  { what: 'the account list filtered by a name with a NUL character', method: 'GET', path: () => `${V}/Accounts.json?FriendlyName=a%00b`, status: 400, code: 20001 },
  { what: 'the account list with a broken percent-escape in the query', method: 'GET', path: () => `${V}/Accounts.json?FriendlyName=%ZZ`, status: 400, code: 20001 },
  { what: 'an account update sent as JSON', method: 'POST', path: subPath, body: JSON.stringify({ FriendlyName: 'Renamed' }), contentType: 'application/json', status: 415, code: 20001 },
  { what: 'an account update sent as text/plain', method: 'POST', path: subPath, body: 'FriendlyName=Renamed', contentType: 'text/plain', status: 415, code: 20001 },
  { what: 'an account update declared as ISO-8859-1', method: 'POST', path: subPath, body: 'FriendlyName=Renamed', contentType: 'application/x-www-form-urlencoded; charset=iso-8859-1', status: 415, code: 20001 },
  { what: 'a Connect App creation sent as multipart', method: 'POST', path: appsPath, body: '--b\r\nContent-Disposition: form-data; name="FriendlyName"\r\n\r\nx\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b', status: 415, code: 20001 },

  // Credentials that do not authenticate.
  { what: 'the account list without credentials', method: 'GET', path: () => `${V}/Accounts.json`, auth: 'none', status: 401, code: 20003 },
  { what: 'an account update without credentials', method: 'POST', path: subPath, body: form({ FriendlyName: 'Renamed' }), auth: 'none', status: 401, code: 20003 },
  { what: 'the account list with a wrong auth token', method: 'GET', path: () => `${V}/Accounts.json`, auth: 'wrong-token', status: 401, code: 20003 },
  { what: 'a Connect App creation with a wrong auth token', method: 'POST', path: appsPath, body: form(NEW_APP), auth: 'wrong-token', status: 401, code: 20003 },
  { what: 'a Connect App deletion without credentials', method: 'DELETE', path: appPath, auth: 'none', status: 401, code: 20003 },
  { what: 'the account list with a Bearer token', method: 'GET', path: () => `${V}/Accounts.json`, auth: 'bearer', status: 401, code: 20003 },
  { what: 'the account list with Basic credentials without a colon', method: 'GET', path: () => `${V}/Accounts.json`, auth: 'no-colon', status: 401, code: 20003 },
  { what: 'the account list with a username that is not an Account SID', method: 'GET', path: () => `${V}/Accounts.json`, auth: 'not-a-sid', status: 401, code: 20003 },
  { what: 'the account list with an Account SID that does not exist', method: 'GET', path: () => `${V}/Accounts.json`, auth: 'unknown-sid', status: 401, code: 20003 },
];

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function authorization(auth: Auth, w: World): string | undefined {
  switch (auth) {
    case 'owner': return basic(w.owner.sid, w.owner.auth_token);
    case 'none': return undefined;
    case 'wrong-token': return basic(w.owner.sid, '0'.repeat(32));
    case 'bearer': return `Bearer ${w.owner.auth_token}`;
    case 'no-colon': return `Basic ${Buffer.from(w.owner.sid + w.owner.auth_token).toString('base64')}`;
    case 'not-a-sid': return basic('owner@example.com', w.owner.auth_token);
    case 'unknown-sid': return basic(`AC${'0'.repeat(32)}`, w.owner.auth_token);
  }
}

/** 1 MiB and 64 KiB of form body in 64 KiB chunks, with no Content-Length (chunked transfer). */
function overLimitStream(): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('FriendlyName='));
    },
    pull(controller) {
      if (sent > MiB) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

onEachDatabase('Bad input on the real socket', (database) => {
  const server = serveForSuite(database);
  let world: World;

  before(async () => {
    const { db } = server.current.deps;
    const owner = await makeAccount(db, 'Owner');
    const developer = await makeAccount(db, 'Another developer');
    const authorized = await makeApp(db, developer, ['get-all'], 'Authorized by the owner');
    await authorize(db, authorized, owner);
    world = { owner, sub: await makeAccount(db, 'Owner subaccount', 'Full', owner.sid), app: await makeApp(db, owner, ['get-all']), authorized };
  });

  /** Every row a request could have touched, in a stable order. */
  const snapshot = async () => {
    const { db } = server.current.deps;
    return {
      accounts: await db.selectFrom('accounts').selectAll().orderBy('sid').execute(),
      connectApps: await db.selectFrom('connect_apps').selectAll().orderBy('sid').execute(),
      grants: await db.selectFrom('connect_grants').selectAll().orderBy('connect_app_sid').orderBy('account_sid').execute(),
    };
  };

  for (const c of CASES) {
    test(`${c.what} gets ${c.status}/${c.code} and changes nothing`, async () => {
      const before = await snapshot();
      const body = typeof c.body === 'function' ? c.body(world) : c.body;
      const headers: Record<string, string> = {};
      const auth = authorization(c.auth ?? 'owner', world);
      if (auth) headers.authorization = auth;
      if (body !== undefined) headers['content-type'] = c.contentType ?? 'application/x-www-form-urlencoded';
      const response = await fetch(server.current.url + c.path(world), {
        method: c.method,
        headers,
        ...(body === 'chunked-over-limit' ? { body: overLimitStream(), duplex: 'half' } : body !== undefined ? { body } : {}),
      } as RequestInit);

      const text = await response.text();
      assert.equal(response.status, c.status, text);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const error = JSON.parse(text) as { code: number };
      assertTwilioError(c.status, error);
      assert.equal(error.code, c.code);
      if (c.status === 401) assert.equal(response.headers.get('www-authenticate'), 'Basic realm="Twilio API"');
      if (c.allow) assert.equal(response.headers.get('allow'), c.allow);
      assert.deepEqual(await snapshot(), before);
    });
  }
});
