import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { before, test } from 'node:test';
import twilio from 'twilio';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import { formatPermissions, type Permission } from '../../src/connect/permissions.ts';
import { findAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import { findConnectApp, updateConnectApp, type ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import { ensureShortCode } from '../../src/storage/repositories/short-codes.ts';
import type { Database } from '../../src/storage/schema.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/**
 * Who may do what, cell by cell: every kind of credentials × every Accounts, ConnectApps,
 * AuthorizedConnectApps, Calls, Messages, Queues, Conferences, OutgoingCallerIds, Keys, Usage Triggers, Addresses,
 * ShortCodes and Tokens operation × every kind of account in the path (every operation of the spec is also walked with Connect credentials in spec-permission-walk.test.ts). The expectations are
 * written out (DESIGN.md §2, README "Access rules"), not derived from the policy under test.
 */

type PrincipalKey =
  | 'user' | 'sub' | 'getAll' | 'postAll' | 'both' | 'revoked' | 'upgraded' | 'reauthorized' | 'downgraded' | 'wrongToken' | 'unrelated';
type TargetKey = 'user' | 'connect' | 'other' | 'unrelated';

/** How a Connect principal came to be: what the user granted, and what happened afterwards. */
interface ConnectSetup {
  granted: Permission[];
  /** The developer changed the app's permissions after the user authorized it. */
  appChangedTo?: Permission[];
  reauthorized?: boolean;
  revoked?: boolean;
}

interface PrincipalRow {
  key: PrincipalKey;
  who: string;
  /** The account whose own credentials these are, named "its own account" in test names. */
  home?: TargetKey;
  connect?: ConnectSetup;
}

/** The columns of every expectation row below, in this order. */
const PRINCIPALS: PrincipalRow[] = [
  { key: 'user', who: "the user's own credentials", home: 'user' },
  { key: 'sub', who: "the user's plain subaccount's own credentials", home: 'other' },
  { key: 'getAll', who: 'Connect credentials granted get-all', connect: { granted: ['get-all'] } },
  { key: 'postAll', who: 'Connect credentials granted post-all', connect: { granted: ['post-all'] } },
  { key: 'both', who: 'Connect credentials granted get-all and post-all', connect: { granted: ['get-all', 'post-all'] } },
  { key: 'revoked', who: 'Connect credentials whose grant the user revoked', connect: { granted: ['get-all', 'post-all'], revoked: true } },
  {
    key: 'upgraded',
    who: 'Connect credentials of an app that added post-all after the user granted get-all',
    connect: { granted: ['get-all'], appChangedTo: ['get-all', 'post-all'] },
  },
  {
    key: 'reauthorized',
    who: 'Connect credentials of an app that added post-all and was then authorized again',
    connect: { granted: ['get-all'], appChangedTo: ['get-all', 'post-all'], reauthorized: true },
  },
  {
    key: 'downgraded',
    who: 'Connect credentials of an app that dropped get-all after the user granted both',
    connect: { granted: ['get-all', 'post-all'], appChangedTo: ['post-all'] },
  },
  { key: 'wrongToken', who: "the user's Account SID with a wrong auth token" },
  { key: 'unrelated', who: "an unrelated account's own credentials", home: 'unrelated' },
];

const TARGETS: Record<TargetKey, string> = {
  user: "the user's account",
  connect: 'the Connect subaccount',
  other: "the user's plain subaccount",
  unrelated: 'an unrelated account',
};

// Cell values: Y = the operation's success status; otherwise the Twilio error code expected.
const Y = 'ok';
const A = 20003; // 401 Authenticate
const D = 20006; // 403 Connect access denied
const F = 20403; // 403 Forbidden
type Cell = typeof Y | typeof A | typeof D | typeof F;
const HTTP_STATUS: Record<number, number> = { 20003: 401, 20006: 403, 20403: 403, 20404: 404 };

/** GET of an account or of any of its subresources. */
const READ: Record<TargetKey, Cell[]> = {
  //          user sub getAll postAll both revoked upgraded reauth downgraded wrong unrelated
  user:      [Y,   A,  Y,     D,      Y,   D,      Y,       Y,     D,         A,    A],
  connect:   [Y,   A,  Y,     Y,      Y,   D,      Y,       Y,     Y,         A,    A],
  other:     [Y,   Y,  Y,     D,      Y,   D,      Y,       Y,     D,         A,    A],
  unrelated: [A,   A,  A,     A,      A,   D,      A,       A,     A,         A,    Y],
};

/** Renaming an account, and creating, updating or deleting Connect Apps: never for a Connect App. */
const MANAGE: Record<TargetKey, Cell[]> = {
  //          user sub getAll postAll both revoked upgraded reauth downgraded wrong unrelated
  user:      [Y,   A,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  connect:   [Y,   A,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  other:     [Y,   Y,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  unrelated: [A,   A,  A,     A,      A,   D,      A,       A,     A,         A,    Y],
};

/** Changing an account's Status: only a subaccount's parent. */
const CHANGE_STATUS: Record<TargetKey, Cell[]> = {
  //          user sub getAll postAll both revoked upgraded reauth downgraded wrong unrelated
  user:      [F,   A,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  connect:   [Y,   A,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  other:     [Y,   F,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  unrelated: [A,   A,  A,     A,      A,   D,      A,       A,     A,         A,    F],
};

/** `/Accounts.json`, which names no account. */
const LIST_ACCOUNTS: Cell[] =
  //user sub getAll postAll both revoked upgraded reauth downgraded wrong unrelated
  [Y,   Y,  Y,     D,      Y,   D,      Y,       Y,     D,         A,    Y];
/** `POST /Accounts.json`: only a top-level account creates subaccounts. */
const CREATE_SUBACCOUNT: Cell[] =
  //user sub getAll postAll both revoked upgraded reauth downgraded wrong unrelated
  [Y,   F,  D,     D,      D,   D,      D,       D,     D,         A,    Y];

/**
 * Charged actions (sending, calling): account credentials in their reach; a Connect App only with
 * post-all as granted (a permission added to the app later needs the user again), only in its own subaccount.
 */
const CHARGE: Record<TargetKey, Cell[]> = {
  //          user sub getAll postAll both revoked upgraded reauth downgraded wrong unrelated
  user:      [Y,   A,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  connect:   [Y,   A,  D,     Y,      Y,   D,      D,       Y,     Y,         A,    A],
  other:     [Y,   Y,  D,     D,      D,   D,      D,       D,     D,         A,    A],
  unrelated: [A,   A,  A,     A,      A,   D,      A,       A,     A,         A,    Y],
};

/** Everything the suite builds once per database. */
interface World {
  db: RunningDb;
  /** The accounts in paths, except the Connect subaccount, which depends on the principal. */
  accounts: Record<Exclude<TargetKey, 'connect'>, Account>;
  /** The username and password each principal sends. */
  credentials: Record<PrincipalKey, { username: string; password: string }>;
  /** Each Connect principal's own subaccount; the others see the get-all+post-all app's. */
  connectSubaccount: Record<PrincipalKey, string>;
  /** One Connect App owned by every account that appears in a path. */
  standingApps: Map<string, ConnectApp>;
  /** Authorized on the user's account and on the unrelated one. */
  authorizedApp: ConnectApp;
}
type RunningDb = Kysely<Database>;

interface Cx {
  world: World;
  principal: PrincipalRow;
  client: TwilioClient;
  /** The account in the path. */
  target: Account;
}

interface MatrixOperation {
  /** What the principal attempts, completing "… can / cannot": e.g. `fetch the user's account`. */
  does: (target: string) => string;
  /** Present when the path names an account. */
  expected: Record<TargetKey, Cell[]> | Cell[];
  success: number | Partial<Record<TargetKey, number>>;
  /** Runs before the request, e.g. to make a fresh app to delete. */
  prepare?: (cx: Cx) => Promise<unknown>;
  run: (cx: Cx, prepared: unknown) => Promise<unknown>;
  /** Checks the result of a successful request, or that a refused one changed nothing. */
  verify?: (cx: Cx, succeeded: boolean, result: unknown, prepared: unknown) => Promise<void> | void;
}

const isConnect = (cx: Cx): boolean => cx.principal.connect !== undefined;

/** Connect principals never see a token; account principals see the account's own. */
function assertTokenVisibility(cx: Cx, accounts: Array<{ sid: string; authToken: string | null }>, tokens: Map<string, string>): void {
  for (const account of accounts) {
    assert.equal(account.authToken, isConnect(cx) ? null : tokens.get(account.sid), `auth_token of ${account.sid}`);
  }
}

const allTokens = async (db: RunningDb): Promise<Map<string, string>> =>
  new Map((await db.selectFrom('accounts').select(['sid', 'auth_token']).execute()).map((a) => [a.sid, a.auth_token]));

const appFields = (name: string) => ({
  FriendlyName: name,
  CompanyName: 'Matrix Co',
  AuthorizeRedirectUrl: 'https://matrix.example.com/authorize',
  Permissions: ['get-all'],
});

const freshApp = async ({ world, target }: Cx): Promise<ConnectApp> => makeApp(world.db, target, ['get-all'], 'Matrix scratch app');

/** A conference in progress in the path's account, with nobody in it. */
async function openConference({ world, target }: Cx): Promise<string> {
  const sid = `CF${randomBytes(16).toString('hex')}`;
  const at = nextInstant();
  await world.db.insertInto('conferences').values({
    sid, account_sid: target.sid, friendly_name: 'Matrix room', status: 'in-progress', region: 'us1', reason_conference_ended: null, call_sid_ending_conference: null,
    status_callback: null, status_callback_method: null, status_callback_events: null, record_call_sid: null, record_from: null, date_created: at, date_updated: at,
  }).execute();
  return sid;
}

const OPERATIONS: MatrixOperation[] = [
  {
    does: () => 'list accounts',
    expected: LIST_ACCOUNTS,
    success: 200,
    run: ({ client }) => client.api.v2010.accounts.page(),
    async verify(cx, succeeded, page) {
      if (!succeeded) return;
      const { instances } = page as { instances: Array<{ sid: string; authToken: string | null }> };
      const home = isConnect(cx) ? cx.world.accounts.user.sid : cx.world.credentials[cx.principal.key].username;
      assert.ok(instances.some((a) => a.sid === home), 'the list holds the home account');
      assertTokenVisibility(cx, instances, await allTokens(cx.world.db));
    },
  },
  {
    does: () => 'create a subaccount',
    expected: CREATE_SUBACCOUNT,
    success: 201,
    run: ({ client }) => client.api.v2010.accounts.create({ friendlyName: 'Matrix subaccount' }),
    verify(cx, succeeded, account) {
      if (succeeded) assert.equal((account as { ownerAccountSid: string }).ownerAccountSid, cx.world.credentials[cx.principal.key].username);
    },
  },
  {
    does: (t) => `fetch ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.api.v2010.account.fetch(),
    async verify(cx, succeeded, account) {
      if (!succeeded) return;
      assert.equal((account as { sid: string }).sid, cx.target.sid);
      assertTokenVisibility(cx, [account as { sid: string; authToken: string | null }], await allTokens(cx.world.db));
    },
  },
  {
    does: (t) => `rename ${t}`,
    expected: MANAGE,
    success: 200,
    run: ({ client, principal }) => client.api.v2010.account.update({ friendlyName: `Renamed by ${principal.key}` }),
    async verify({ world, target, principal }, succeeded) {
      const name = (await findAccount(world.db, target.sid))!.friendly_name;
      assert.equal(name === `Renamed by ${principal.key}`, succeeded, `friendly_name is now '${name}'`);
    },
  },
  {
    does: (t) => `set the Status of ${t}`,
    expected: CHANGE_STATUS,
    success: 200,
    run: ({ client }) => client.api.v2010.account.update({ status: 'active' }),
  },
  {
    does: (t) => `list the Connect Apps of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.api.v2010.account.connectApps.page(),
    verify({ world, target }, succeeded, page) {
      if (succeeded) assert.ok((page as { instances: Array<{ sid: string }> }).instances.some((a) => a.sid === world.standingApps.get(target.sid)!.sid));
    },
  },
  {
    does: (t) => `create a Connect App in ${t}`,
    expected: MANAGE,
    success: 201,
    // twilio-node has no create method: Twilio creates Connect Apps only in its Console.
    run: ({ client, target }) =>
      client.api.v2010.create({ uri: `/Accounts/${target.sid}/ConnectApps.json`, method: 'post', data: appFields('Matrix new app') }),
    verify({ target }, succeeded, app) {
      if (succeeded) assert.equal((app as { account_sid: string }).account_sid, target.sid);
    },
  },
  {
    does: (t) => `fetch a Connect App of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client, world, target }) => client.api.v2010.account.connectApps(world.standingApps.get(target.sid)!.sid).fetch(),
  },
  {
    does: (t) => `update a Connect App of ${t}`,
    expected: MANAGE,
    success: 200,
    prepare: freshApp,
    run: ({ client }, app) => client.api.v2010.account.connectApps((app as ConnectApp).sid).update({ friendlyName: 'Matrix renamed app' }),
    async verify({ world }, succeeded, _result, app) {
      const after = await findConnectApp(world.db, (app as ConnectApp).sid);
      assert.equal(after?.friendly_name, succeeded ? 'Matrix renamed app' : 'Matrix scratch app');
    },
  },
  {
    does: (t) => `delete a Connect App of ${t}`,
    expected: MANAGE,
    success: 204,
    prepare: freshApp,
    run: ({ client }, app) => client.api.v2010.account.connectApps((app as ConnectApp).sid).remove(),
    async verify({ world }, succeeded, _result, app) {
      assert.deepEqual(await findConnectApp(world.db, (app as ConnectApp).sid), succeeded ? undefined : app);
    },
  },
  {
    does: (t) => `list the authorized Connect Apps of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.api.v2010.account.authorizedConnectApps.page(),
  },
  {
    does: (t) => `fetch an authorized Connect App of ${t}`,
    expected: READ,
    // Apps are authorized by top-level accounts: on a subaccount, an allowed fetch finds nothing.
    success: { user: 200, connect: 20404, other: 20404, unrelated: 200 },
    run: ({ client, world }) => client.api.v2010.account.authorizedConnectApps(world.authorizedApp.sid).fetch(),
  },
  {
    does: (t) => `list the calls of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.calls.page(),
  },
  {
    does: (t) => `place a call from ${t}`,
    expected: CHARGE,
    success: 201,
    run: ({ client }) => client.calls.create({ to: '+12125550100', from: '+15005550006', url: 'https://matrix.example.com/twiml' }),
    async verify(cx, succeeded, call) {
      if (succeeded) assert.equal((call as { accountSid: string }).accountSid, cx.target.sid);
    },
  },
  {
    does: (t) => `list the messages of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.messages.page(),
  },
  {
    does: (t) => `send a message from ${t}`,
    expected: CHARGE,
    success: 201,
    prepare: ({ world, target }) => world.db.selectFrom('messages').select('sid').where('account_sid', '=', target.sid).execute(),
    run: ({ client }) => client.messages.create({ to: '+12125550100', from: '+15005550006', body: 'matrix' }),
    async verify(cx, succeeded, _message, before) {
      const after = await cx.world.db.selectFrom('messages').select('sid').where('account_sid', '=', cx.target.sid).execute();
      assert.equal(after.length, (before as unknown[]).length + (succeeded ? 1 : 0), 'a refused send writes nothing');
    },
  },
  {
    does: (t) => `list the queues of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.queues.page(),
  },
  {
    does: (t) => `create a queue in ${t}`,
    expected: CHARGE,
    success: 201,
    prepare: ({ world, target }) => world.db.selectFrom('queues').select('sid').where('account_sid', '=', target.sid).execute(),
    run: ({ client }) => client.queues.create({ friendlyName: 'Matrix queue' }),
    async verify({ world, target }, succeeded, _queue, before) {
      const after = await world.db.selectFrom('queues').select('sid').where('account_sid', '=', target.sid).execute();
      assert.equal(after.length, (before as unknown[]).length + (succeeded ? 1 : 0), 'a refused create writes nothing');
    },
  },
  {
    does: (t) => `list the participants of a conference in ${t}`,
    expected: READ,
    success: 200,
    prepare: (cx) => openConference(cx),
    run: ({ client }, sid) => client.conferences(sid as string).participants.page(),
  },
  {
    does: (t) => `end a conference in ${t}`,
    expected: CHARGE,
    success: 200,
    prepare: (cx) => openConference(cx),
    run: ({ client }, sid) => client.conferences(sid as string).update({ status: 'completed' }),
    async verify({ world }, succeeded, _conference, sid) {
      const row = await world.db.selectFrom('conferences').select('status').where('sid', '=', sid as string).executeTakeFirstOrThrow();
      assert.equal(row.status, succeeded ? 'completed' : 'in-progress', 'a refused update changes nothing');
    },
  },
  {
    does: (t) => `list the verified caller IDs of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => client.outgoingCallerIds.page(),
  },
  ...([
    ['conferences', (c: TwilioClient) => c.conferences.page()],
    ['SIP domains', (c: TwilioClient) => c.sip.domains.page()],
    ['short codes', (c: TwilioClient) => c.shortCodes.page()],
    ['addresses', (c: TwilioClient) => c.addresses.page()],
    ['usage triggers', (c: TwilioClient) => c.usage.triggers.page()],
  ] as const).map(([what, list]): MatrixOperation => ({
    does: (t) => `list the ${what} of ${t}`,
    expected: READ,
    success: 200,
    run: ({ client }) => list(client),
  })),
  ...([
    ['usage_triggers', 'create a usage trigger in', (c: TwilioClient) => c.usage.triggers.create({ callbackUrl: 'https://matrix.example.com/trigger', triggerValue: '10', usageCategory: 'sms' })],
    ['addresses', 'create an address in', (c: TwilioClient) => c.addresses.create({ customerName: 'Matrix', street: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', isoCountry: 'US' })],
  ] as const).map(([table, what, create]): MatrixOperation => ({
    does: (t) => `${what} ${t}`,
    expected: CHARGE,
    success: 201,
    prepare: ({ world, target }) => world.db.selectFrom(table).select('sid').where('account_sid', '=', target.sid).execute(),
    run: ({ client }) => create(client),
    async verify({ world, target }, succeeded, _created, before) {
      const after = await world.db.selectFrom(table).select('sid').where('account_sid', '=', target.sid).execute();
      assert.equal(after.length, (before as unknown[]).length + (succeeded ? 1 : 0), 'a refused create writes nothing');
    },
  })),
  {
    does: (t) => `set the SMS URL of the short code of ${t}`,
    expected: CHARGE,
    success: 200,
    async prepare({ world, target }) {
      await ensureShortCode(world.db, target);
      return (await world.db.selectFrom('short_codes').selectAll().where('account_sid', '=', target.sid).executeTakeFirstOrThrow()).sid;
    },
    run: ({ client }, sid) => client.shortCodes(sid as string).update({ smsUrl: 'https://matrix.example.com/sms' }),
    async verify({ world }, succeeded, _code, sid) {
      const row = await world.db.selectFrom('short_codes').select('sms_url').where('sid', '=', sid as string).executeTakeFirstOrThrow();
      if (!succeeded) assert.notEqual(row.sms_url, 'https://matrix.example.com/sms', 'a refused update changes nothing');
      else assert.equal(row.sms_url, 'https://matrix.example.com/sms');
      await world.db.updateTable('short_codes').set({ sms_url: null }).where('sid', '=', sid as string).execute();
    },
  },
  {
    does: (t) => `get network traversal credentials in ${t}`,
    expected: CHARGE,
    success: 201,
    run: ({ client }) => client.tokens.create(),
  },
  {
    // Keys are credentials: no Connect App may see them, whatever it was granted.
    does: (t) => `list the API keys of ${t}`,
    expected: MANAGE,
    success: 200,
    run: ({ client }) => client.keys.page(),
  },
  {
    does: (t) => `create an API key in ${t}`,
    expected: MANAGE,
    success: 201,
    prepare: ({ world, target }) => world.db.selectFrom('api_keys').select('sid').where('account_sid', '=', target.sid).execute(),
    run: ({ client }) => client.newKeys.create({ friendlyName: 'Matrix key' }),
    async verify(cx, succeeded, _key, before) {
      const after = await cx.world.db.selectFrom('api_keys').select('sid').where('account_sid', '=', cx.target.sid).execute();
      assert.equal(after.length, (before as unknown[]).length + (succeeded ? 1 : 0), 'a refused create writes nothing');
    },
  },
];

/** Builds the accounts, apps and grants every cell uses. */
async function buildWorld(db: RunningDb): Promise<World> {
  const developer = await makeAccount(db, 'Developer');
  const user = await makeAccount(db, 'User');
  const other = await makeAccount(db, 'Plain subaccount', 'Full', user.sid);
  const unrelated = await makeAccount(db, 'Unrelated');

  const credentials = {} as World['credentials'];
  const connectSubaccount = {} as World['connectSubaccount'];
  for (const row of PRINCIPALS) {
    if (!row.connect) continue;
    const { granted, appChangedTo, reauthorized, revoked } = row.connect;
    const app = await makeApp(db, developer, granted, `App ${row.key}`);
    const subaccount = await authorize(db, app, user);
    if (appChangedTo) await updateConnectApp(db, app.sid, { permissions: formatPermissions(appChangedTo) }, nextInstant());
    if (reauthorized) assert.equal(await authorize(db, app, user), subaccount);
    if (revoked) await revokeAccess(db, { connectAppSid: app.sid, accountSid: user.sid, now: nextInstant() });
    credentials[row.key] = { username: subaccount, password: developer.auth_token };
    connectSubaccount[row.key] = subaccount;
  }
  for (const row of PRINCIPALS) connectSubaccount[row.key] ??= connectSubaccount.both;
  credentials.user = { username: user.sid, password: user.auth_token };
  credentials.sub = { username: other.sid, password: other.auth_token };
  credentials.wrongToken = { username: user.sid, password: '0'.repeat(32) };
  credentials.unrelated = { username: unrelated.sid, password: unrelated.auth_token };

  const authorizedApp = await makeApp(db, developer, ['get-all'], 'Authorized everywhere');
  await authorize(db, authorizedApp, user);
  await authorize(db, authorizedApp, unrelated);

  const standingApps = new Map<string, ConnectApp>();
  const inPaths = [user, other, unrelated, ...new Set(Object.values(connectSubaccount))];
  for (const ref of inPaths) {
    const owner = typeof ref === 'string' ? (await findAccount(db, ref))! : ref;
    standingApps.set(owner.sid, await makeApp(db, owner, ['get-all'], 'Standing app'));
  }
  return { db, accounts: { user, other, unrelated }, credentials, connectSubaccount, standingApps, authorizedApp };
}

/** What a request ended in: the HTTP status and, for errors, the Twilio code. */
interface Outcome {
  status: number;
  code?: number;
  result?: unknown;
}

/** What a cell expects. An allowed request may still find nothing: its success is then a code too. */
function expectation(cell: Cell, success: number): Outcome {
  const code = cell === Y ? (success in HTTP_STATUS ? success : undefined) : cell;
  return code === undefined ? { status: success } : { status: HTTP_STATUS[code]!, code };
}

async function attempt(client: TwilioClient, request: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await request();
    return { status: client.httpClient.lastResponse!.statusCode, result };
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${String(error)}`);
    return { status: error.status, code: error.code };
  }
}

const describeOutcome = ({ status, code }: Outcome): string => (code === undefined ? String(status) : `${status}/${code}`);

onEachDatabase('The permission matrix through twilio-node', (database) => {
  const server = serveForSuite(database);
  let world: World;

  before(async () => {
    world = await buildWorld(server.current.deps.db);
  });

  for (const operation of OPERATIONS) {
    const byTarget = Array.isArray(operation.expected) ? null : operation.expected;
    const targets: Array<TargetKey | null> = byTarget ? (Object.keys(TARGETS) as TargetKey[]) : [null];
    for (const targetKey of targets) {
      const row = targetKey ? byTarget![targetKey] : (operation.expected as Cell[]);
      PRINCIPALS.forEach((principal, column) => {
        const success = typeof operation.success === 'number' ? operation.success : operation.success[targetKey!]!;
        const expected = expectation(row[column]!, success);
        const succeeds = expected.code === undefined;
        const what = operation.does(!targetKey ? '' : targetKey === principal.home ? 'its own account' : TARGETS[targetKey]);
        const name = `${principal.who} ${succeeds ? 'can' : 'cannot'} ${what} (${describeOutcome(expected)})`;

        test(name, async () => {
          const { username, password } = world.credentials[principal.key];
          const targetSid = targetKey === 'connect' ? world.connectSubaccount[principal.key] : targetKey ? world.accounts[targetKey].sid : username;
          const target = (await findAccount(world.db, targetSid))!;
          const client = twilioClient(server.current.url, username, password, target.sid);
          const cx: Cx = { world, principal, client, target };
          const prepared = await operation.prepare?.(cx);
          const outcome = await attempt(client, () => operation.run(cx, prepared));
          assert.deepEqual({ status: outcome.status, code: outcome.code }, { status: expected.status, code: expected.code });
          await operation.verify?.(cx, succeeds, outcome.result, prepared);
        });
      });
    }
  }
});
