import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { authorize, giveNumber, makeAccount, makeApp } from '../support/fixtures.ts';
import { hasRoute } from '../support/routed.ts';
import { serveForSuite } from '../support/server.ts';
import { operationName, SPEC_OPERATIONS } from '../support/spec-operations.ts';
import { assertMatchesSpec, assertTwilioError } from '../support/spec-validator.ts';
import { expectedRefusal } from '../support/spec-walk-inputs.ts';
import { SpecWalk } from '../support/spec-walk.ts';

/**
 * Every path and method of Twilio's `twilio_api_v2010.json`, sent with an account's own credentials and
 * valid input over HTTP: the answer has the spec's success status and validates against its schema.
 * Items nothing in the simulation makes (add-on results, assigned add-ons) are 404 in Twilio's shape.
 */
describe('Twilio\'s spec, walked operation by operation (SQLite)', () => {
  let now = Date.UTC(2025, 2, 3, 10, 0, 0);
  const server = serveForSuite({ name: 'SQLite', url: ':memory:' }, { clock: () => now, simulationIntervalMs: 0 });
  let walk: SpecWalk;

  before(async () => {
    const { db } = server.current.deps;
    const account = await makeAccount(db, 'Walker');
    const developer = await makeAccount(db, 'Developer');
    const number = '+14155550177';
    await giveNumber(db, account.sid, number);
    const connectApp = await makeApp(db, developer, ['get-all']);
    await authorize(db, connectApp, account);
    const connectAppSid = connectApp.sid;
    const ownConnectAppSid = (await makeApp(db, account, ['get-all'], 'Walker app')).sid;
    walk = new SpecWalk({
      baseUrl: server.current.url,
      db,
      account,
      number,
      connectAppSid,
      ownConnectAppSid,
      advance: async (ms) => {
        now += ms;
        await server.current.simulator.advanceTo(now);
      },
    });
  });

  test('every operation of the spec has a route', () => {
    assert.deepEqual(SPEC_OPERATIONS.filter((op) => !hasRoute(op)).map(operationName), []);
  });

  for (const op of SPEC_OPERATIONS) {
    const refused = expectedRefusal(op);
    test(`${operationName(op)} → ${refused ?? op.success.join(' or ')}`, async () => {
      const path = await walk.resolve(op.template, op.method === 'DELETE');
      await walk.prepare(op, path);
      const answer = await walk.request(op.method, path, await walk.input(op));
      if (refused) {
        assert.equal(answer.status, refused, JSON.stringify(answer.body));
        assertTwilioError(refused, answer.body);
        return;
      }
      assert.ok(op.success.includes(answer.status), `${answer.status} ${JSON.stringify(answer.body)}`);
      if (answer.status !== 204) assertMatchesSpec(op.method, path, answer.status, answer.body);
    });
  }
});
