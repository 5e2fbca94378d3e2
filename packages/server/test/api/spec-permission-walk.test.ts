import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { findAccount } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { operationName, SPEC_OPERATIONS, type SpecOperation } from '../support/spec-operations.ts';
import { assertMatchesSpec, assertTwilioError } from '../support/spec-validator.ts';
import { expectedRefusal } from '../support/spec-walk-inputs.ts';
import { SpecWalk, type WalkSetup } from '../support/spec-walk.ts';

/**
 * Every operation of Twilio's spec with Connect credentials, on the user's account and on the
 * Connect subaccount. The expectations are DESIGN.md §2 written out, not derived from the policy:
 * get-all reads anything in the user's family; post-all does anything in its own subaccount and
 * nothing elsewhere; no Connect App ever touches Keys, creates or changes accounts, or changes
 * the user's Connect Apps. A refusal is 403/20006.
 */
type Grant = 'get-all' | 'post-all';
type Target = 'user' | 'connect';
const DENIED = 20006;

function allowed(grant: Grant, target: Target, { method, template }: SpecOperation): boolean {
  if (/^Accounts\/\{AccountSid\}\/(Keys|SigningKeys)\b/.test(template)) return false;
  if (template === 'Accounts') return method === 'GET' && grant === 'get-all';
  if (method !== 'GET' && (template === 'Accounts/{Sid}' || /^Accounts\/\{AccountSid\}\/(ConnectApps|AuthorizedConnectApps)\b/.test(template))) return false;
  if (method === 'GET') return grant === 'get-all' || target === 'connect';
  return grant === 'post-all' && target === 'connect';
}

/** What the target account's own credentials would get besides success: its Connect subaccount has authorized no app. */
const ownAnswer = (op: SpecOperation, target: Target): number | undefined =>
  target === 'connect' && op.template.startsWith('Accounts/{AccountSid}/AuthorizedConnectApps/') ? 404 : expectedRefusal(op);

onEachDatabase('Connect credentials across every operation of Twilio\'s spec', (database) => {
  let now = Date.UTC(2025, 3, 7, 10, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0 });
  const walks = {} as Record<Target, SpecWalk>;
  const credentials = {} as Record<Grant, string>;

  before(async () => {
    const { db } = server.current.deps;
    const developer = await makeAccount(db, 'Developer');
    const user = await makeAccount(db, 'Customer');
    const getAllApp = await makeApp(db, developer, ['get-all'], 'Reader');
    const postAllApp = await makeApp(db, developer, ['post-all'], 'Charger');
    await authorize(db, getAllApp, user);
    const connectSid = await authorize(db, postAllApp, user);
    const basic = (username: string) => `Basic ${Buffer.from(`${username}:${developer.auth_token}`).toString('base64')}`;
    credentials['get-all'] = basic((await db.selectFrom('connect_grants').select('subaccount_sid').where('connect_app_sid', '=', getAllApp.sid).executeTakeFirstOrThrow()).subaccount_sid);
    credentials['post-all'] = basic(connectSid);
    const connect = (await findAccount(db, connectSid))!;
    const advance = async (ms: number) => {
      now += ms;
      await server.current.simulator.advanceTo(now);
    };
    const setup = async (account: Account, number: string): Promise<WalkSetup> => {
      await giveNumber(db, account.sid, number);
      return { baseUrl: server.current.url, db, advance, account, number, connectAppSid: getAllApp.sid, ownConnectAppSid: (await makeApp(db, account, ['get-all'], `Own app of ${account.sid}`)).sid };
    };
    walks.user = new SpecWalk(await setup(user, '+14155550178'));
    walks.connect = new SpecWalk(await setup(connect, '+14155550179'));
  });

  for (const op of SPEC_OPERATIONS) {
    for (const grant of ['get-all', 'post-all'] as const) {
      for (const target of ['user', 'connect'] as const) {
        const permitted = allowed(grant, target, op);
        const success = ownAnswer(op, target);
        test(`${grant} on the ${target === 'user' ? "user's account" : 'Connect subaccount'}: ${operationName(op)} → ${permitted ? success ?? 'allowed' : '20006'}`, async () => {
          const walk = walks[target];
          const path = await walk.resolve(op.template, op.method === 'DELETE');
          await walk.prepare(op, path);
          const answer = await walk.request(op.method, path, await walk.input(op), credentials[grant]);
          if (!permitted) {
            assert.deepEqual([answer.status, answer.body?.code], [403, DENIED], JSON.stringify(answer.body));
            assertTwilioError(403, answer.body);
          } else if (success) {
            assert.equal(answer.status, success, JSON.stringify(answer.body));
          } else {
            assert.ok(op.success.includes(answer.status), `${answer.status} ${JSON.stringify(answer.body)}`);
            if (answer.status !== 204) assertMatchesSpec(op.method, path, answer.status, answer.body);
          }
        });
      }
    }
  }
});
