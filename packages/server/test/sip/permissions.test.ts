import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import twilio from 'twilio';
import { revokeAccess } from '../../src/connect/revoke-access.ts';
import type { Permission } from '../../src/connect/permissions.ts';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/**
 * The Connect rules (DESIGN.md §2) on every kind of SIP resource: get-all reads the user's accounts,
 * post-all reads and writes only its own Connect subaccount, account credentials reach their own
 * account and subaccounts. The expectations are written out, not derived from the policy.
 */

type PrincipalKey = 'user' | 'getAll' | 'postAll' | 'both' | 'revoked' | 'unrelated';
type TargetKey = 'user' | 'connect';
const PRINCIPALS: PrincipalKey[] = ['user', 'getAll', 'postAll', 'both', 'revoked', 'unrelated'];
const GRANTS: Partial<Record<PrincipalKey, Permission[]>> = { getAll: ['get-all'], postAll: ['post-all'], both: ['get-all', 'post-all'], revoked: ['get-all', 'post-all'] };

const Y = 'ok';
const A = 20003;
const D = 20006;
type Cell = typeof Y | typeof A | typeof D;
const STATUS: Record<number, number> = { 20003: 401, 20006: 403 };

//                                        user getAll postAll both revoked unrelated
const READ: Record<TargetKey, Cell[]> = { user: [Y, Y, D, Y, D, A], connect: [Y, Y, Y, Y, D, A] };
const WRITE: Record<TargetKey, Cell[]> = { user: [Y, D, D, D, D, A], connect: [Y, D, Y, Y, D, A] };

/** What each target account holds, made with the user's own credentials before the matrix runs. */
interface Fixture {
  domainSid: string;
  /** A domain made for this cell alone, for the operations that delete. */
  scratchDomainSid: string | undefined;
  credentialListSid: string;
  aclSid: string;
  ipAddressSid: string;
}

interface Operation {
  does: string;
  expected: Record<TargetKey, Cell[]>;
  /** The table whose row count a write changes (a refused one must leave it as it was). */
  table?: 'sip_domains' | 'sip_credentials' | 'sip_ip_addresses' | 'sip_domain_mappings' | 'sip_lists';
  /** Needs a domain of its own (it deletes it). */
  scratch?: true;
  run: (client: TwilioClient, fixture: Fixture, n: number) => Promise<unknown>;
}

const OPERATIONS: Operation[] = [
  { does: 'list the SIP domains', expected: READ, run: (c) => c.sip.domains.page() },
  { does: 'fetch a SIP domain', expected: READ, run: (c, f) => c.sip.domains(f.domainSid).fetch() },
  { does: 'list a domain\'s call credential list mappings', expected: READ, run: (c, f) => c.sip.domains(f.domainSid).auth.calls.credentialListMappings.page() },
  { does: 'list the credentials of a credential list', expected: READ, run: (c, f) => c.sip.credentialLists(f.credentialListSid).credentials.page() },
  { does: 'fetch an IP address', expected: READ, run: (c, f) => c.sip.ipAccessControlLists(f.aclSid).ipAddresses(f.ipAddressSid).fetch() },
  { does: 'create a SIP domain', expected: WRITE, table: 'sip_domains', run: (c, _f, n) => c.sip.domains.create({ domainName: `matrix-${n}.sip.twilio.com` }) },
  { does: 'rename a credential list', expected: WRITE, run: (c, f) => c.sip.credentialLists(f.credentialListSid).update({ friendlyName: 'Renamed' }) },
  { does: 'create a credential', expected: WRITE, table: 'sip_credentials', run: (c, f, n) => c.sip.credentialLists(f.credentialListSid).credentials.create({ username: `user${n}`, password: 'Matrix-Password-1' }) },
  { does: 'create an IP access control list', expected: WRITE, table: 'sip_lists', run: (c) => c.sip.ipAccessControlLists.create({ friendlyName: 'Matrix ACL' }) },
  { does: 'add an IP address', expected: WRITE, table: 'sip_ip_addresses', run: (c, f) => c.sip.ipAccessControlLists(f.aclSid).ipAddresses.create({ friendlyName: 'Matrix', ipAddress: '192.0.2.1' }) },
  {
    does: 'map an IP access control list to a domain',
    expected: WRITE,
    table: 'sip_domain_mappings',
    run: async (c, f) => {
      const acl = await c.sip.ipAccessControlLists.create({ friendlyName: 'To map' });
      return c.sip.domains(f.domainSid).auth.calls.ipAccessControlListMappings.create({ ipAccessControlListSid: acl.sid });
    },
  },
  { does: 'delete a SIP domain', expected: WRITE, table: 'sip_domains', scratch: true, run: (c, f) => c.sip.domains(f.scratchDomainSid!).remove() },
];

async function outcome(request: Promise<unknown>): Promise<Cell | number> {
  try {
    await request;
    return Y;
  } catch (error) {
    assert.ok(error instanceof twilio.RestException && error.code !== undefined, String(error));
    return error.code;
  }
}

onEachDatabase('Connect rules on SIP resources', (database) => {
  const server = serveForSuite(database);
  let user: Account;
  let unrelated: Account;
  let developer: Account;
  const subaccounts = new Map<PrincipalKey, string>();
  const clients = new Map<PrincipalKey, (path: string) => TwilioClient>();
  let counter = 0;
  const suffix = database.name.toLowerCase();

  before(async () => {
    const { db } = server.current.deps;
    user = await makeAccount(db, 'User');
    unrelated = await makeAccount(db, 'Unrelated');
    developer = await makeAccount(db, 'Developer');
    const url = server.current.url;
    clients.set('user', (path) => twilioClient(url, user.sid, user.auth_token, path));
    clients.set('unrelated', (path) => twilioClient(url, unrelated.sid, unrelated.auth_token, path));
    for (const [key, granted] of Object.entries(GRANTS) as Array<[PrincipalKey, Permission[]]>) {
      const app = await makeApp(db, developer, granted, `SIP ${key}`);
      const sid = await authorize(db, app, user);
      if (key === 'revoked') await revokeAccess(db, { connectAppSid: app.sid, accountSid: user.sid, now: nextInstant() });
      subaccounts.set(key, sid);
      clients.set(key, (path) => twilioClient(url, sid, developer.auth_token, path));
    }
  });

  const fixtures = new Map<string, Omit<Fixture, 'scratchDomainSid'>>();

  /** What the target account holds, made once per account; plus a scratch domain per cell, so a delete never disturbs another cell. */
  async function fixtureIn(accountSid: string, withScratch: boolean): Promise<Fixture> {
    const c = clients.get('user')!(accountSid);
    const scratch = withScratch ? await c.sip.domains.create({ domainName: `scratch-${suffix}-${++counter}.sip.twilio.com` }) : undefined;
    let shared = fixtures.get(accountSid);
    if (!shared) {
      shared = await sharedFixtureIn(c);
      fixtures.set(accountSid, shared);
    }
    return { ...shared, scratchDomainSid: scratch?.sid };
  }

  async function sharedFixtureIn(c: TwilioClient): Promise<Omit<Fixture, 'scratchDomainSid'>> {
    const domain = await c.sip.domains.create({ domainName: `fixture-${suffix}-${++counter}.sip.twilio.com` });
    const list = await c.sip.credentialLists.create({ friendlyName: 'Fixture phones' });
    await c.sip.credentialLists(list.sid).credentials.create({ username: 'fixture', password: 'Fixture-Password-1' });
    await c.sip.domains(domain.sid).auth.calls.credentialListMappings.create({ credentialListSid: list.sid });
    const acl = await c.sip.ipAccessControlLists.create({ friendlyName: 'Fixture ACL' });
    const address = await c.sip.ipAccessControlLists(acl.sid).ipAddresses.create({ friendlyName: 'Fixture', ipAddress: '192.0.2.10' });
    return { domainSid: domain.sid, credentialListSid: list.sid, aclSid: acl.sid, ipAddressSid: address.sid };
  }

  for (const operation of OPERATIONS) {
    describe(operation.does, () => {
      for (const target of ['user', 'connect'] as const) {
        PRINCIPALS.forEach((principal, column) => {
          const expected = operation.expected[target][column]!;
          const verdict = expected === Y ? 'may' : `may not (${STATUS[expected]} ${expected})`;
          test(`${principal} ${verdict} ${operation.does} in the ${target === 'user' ? "user's account" : 'Connect subaccount'}`, async () => {
            const accountSid = target === 'user' ? user.sid : (GRANTS[principal] ? subaccounts.get(principal)! : subaccounts.get('both')!);
            const fixture = await fixtureIn(accountSid, operation.scratch === true);
            const { db } = server.current.deps;
            const rows = async () => (operation.table ? (await db.selectFrom(operation.table).select('account_sid').execute()).length : 0);
            const before = await rows();
            const got = await outcome(operation.run(clients.get(principal)!(accountSid), fixture, ++counter));
            assert.equal(got, expected);
            if (expected !== Y) assert.equal(await rows(), before, 'a refused request writes nothing');
          });
        });
      }
    });
  }
});
