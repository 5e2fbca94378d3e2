import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onEachDatabase } from '../support/databases.ts';
import { PageClient, pageText } from '../support/page-client.ts';
import { serveForSuite } from '../support/server.ts';

let counter = 0;
const uniqueEmail = (who: string) => `${who}-${process.pid}-${++counter}@example.com`;

/** Posts a Console form as coming through a proxy that reports `forwardedFor` as the client. */
async function postVia(client: PageClient, path: string, fields: Record<string, string>, forwardedFor?: string) {
  await client.get(path);
  const body = new URLSearchParams({ csrf: client.csrf, ...fields });
  return client.request(path, { method: 'POST', body, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
}

onEachDatabase('Sign-up limits', (database) => {
  const server = serveForSuite(database);

  test('sign-up answers whether an email is registered at most five times, then 429 without saying', async () => {
    const email = uniqueEmail('registered');
    const owner = new PageClient(server.current.url);
    assert.equal((await owner.signUp(email)).status, 303);
    const prober = new PageClient(server.current.url);
    const answers: Array<[number, boolean]> = [];
    for (let i = 0; i < 8; i++) {
      const response = await postVia(prober, '/console/signup', { email, password: 'another password', accountName: 'Probe', type: 'Full' });
      answers.push([response.status, pageText(response.html).includes('already exists')]);
      if (response.status === 429) assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
    }
    assert.deepEqual(answers, [...Array(4).fill([400, true]), ...Array(4).fill([429, false])]);
  });
});

onEachDatabase('Sign-up limits per client address', (database) => {
  const server = serveForSuite(database);

  test('one client address trying email after email is stopped after 20 sign-ups', async () => {
    const prober = new PageClient(server.current.url);
    const statuses: number[] = [];
    // A too-short password: refused, so each attempt only asks about its email.
    for (let i = 0; i < 22; i++) statuses.push((await postVia(prober, '/console/signup', { email: uniqueEmail('probe'), password: 'short', accountName: 'Probe', type: 'Full' })).status);
    assert.deepEqual(statuses.slice(0, 19), Array(19).fill(400));
    assert.deepEqual(statuses.slice(20), [429, 429]);
    // Without --trust-proxy, a forged X-Forwarded-For is no way round it.
    assert.equal((await postVia(prober, '/console/signup', { email: uniqueEmail('probe'), password: 'short', accountName: 'P', type: 'Full' }, '203.0.113.50')).status, 429);
  });
});

onEachDatabase('Client addresses behind a trusted proxy', (database) => {
  const server = serveForSuite(database, { env: { SWITCHBOARD_TRUST_PROXY: 'loopback' } });

  test("50 bad log-ins from one client behind the proxy lock that client out, not the proxy's other clients", async () => {
    const email = uniqueEmail('user');
    const user = new PageClient(server.current.url);
    await user.signUp(email);
    const attacker = new PageClient(server.current.url);
    for (let i = 0; i < 50; i++) {
      const response = await postVia(attacker, '/console/login', { email: uniqueEmail('guess'), password: 'wrong password' }, '203.0.113.66');
      assert.equal(response.status, 401);
    }
    assert.equal((await postVia(attacker, '/console/login', { email: uniqueEmail('guess'), password: 'wrong password' }, '203.0.113.66')).status, 429);
    const honest = new PageClient(server.current.url);
    assert.equal((await postVia(honest, '/console/login', { email, password: 'correct horse battery staple' }, '198.51.100.7')).status, 303);
  });
});
