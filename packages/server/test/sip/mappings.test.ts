import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

/** What the five mapping resources of twilio-node have in common (each is typed on its own). */
interface MappingApi {
  (sid: string): { fetch(): Promise<{ friendlyName: string }>; remove(): Promise<boolean> };
  create(params: Record<string, string>): Promise<{ sid: string }>;
  list(): Promise<Array<{ sid: string }>>;
}
const mappingApi = (api: unknown) => api as MappingApi;

onEachDatabase('SIP domain mappings through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let stranger: Account;
  let asOwner: TwilioClient;
  let asStranger: TwilioClient;
  let counter = 0;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    stranger = await makeAccount(db, 'Stranger');
    asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
    asStranger = twilioClient(server.current.url, stranger.sid, stranger.auth_token);
  });

  const newDomain = (client = asOwner) => client.sip.domains.create({ domainName: `map-${database.name.toLowerCase()}-${++counter}.sip.twilio.com` });

  test('mapping lists for calls sets the domain\'s auth_type; the legacy and Auth/Calls mappings are the same mappings', async () => {
    const domain = await newDomain();
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Phones' });
    const acl = await asOwner.sip.ipAccessControlLists.create({ friendlyName: 'Office' });
    const calls = asOwner.sip.domains(domain.sid).auth.calls;
    const mapped = await calls.credentialListMappings.create({ credentialListSid: list.sid });
    assert.deepEqual([mapped.sid, mapped.friendlyName, mapped.accountSid], [list.sid, 'Phones', owner.sid]);
    assert.equal((await asOwner.sip.domains(domain.sid).fetch()).authType, 'CREDENTIAL_LIST');
    const legacy = await asOwner.sip.domains(domain.sid).ipAccessControlListMappings.create({ ipAccessControlListSid: acl.sid });
    assert.deepEqual([legacy.sid, legacy.domainSid, legacy.friendlyName], [acl.sid, domain.sid, 'Office']);
    assert.equal(legacy.uri, `/2010-04-01/Accounts/${owner.sid}/SIP/Domains/${domain.sid}/IpAccessControlListMappings/${acl.sid}.json`);
    assert.equal((await asOwner.sip.domains(domain.sid).fetch()).authType, 'IP_ACL,CREDENTIAL_LIST');
    assert.deepEqual((await calls.ipAccessControlListMappings.list()).map((m) => m.sid), [acl.sid]);
    assert.deepEqual((await asOwner.sip.domains(domain.sid).credentialListMappings.list()).map((m) => m.sid), [list.sid]);
    assert.equal((await calls.credentialListMappings(list.sid).fetch()).friendlyName, 'Phones');
    assert.equal((await asOwner.sip.domains.list()).find((d) => d.sid === domain.sid)!.authType, 'IP_ACL,CREDENTIAL_LIST');
    assert.equal(await asOwner.sip.domains(domain.sid).credentialListMappings(list.sid).remove(), true);
    assert.deepEqual(await refusal(calls.credentialListMappings(list.sid).fetch()), { status: 404, code: 20404 });
    assert.equal((await asOwner.sip.domains(domain.sid).fetch()).authType, 'IP_ACL');
  });

  test('registration mappings are their own: they do not authenticate calls', async () => {
    const domain = await newDomain();
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Registrars' });
    const registrations = asOwner.sip.domains(domain.sid).auth.registrations.credentialListMappings;
    const mapped = await registrations.create({ credentialListSid: list.sid });
    assert.equal(mapped.sid, list.sid);
    assert.deepEqual((await registrations.list()).map((m) => m.sid), [list.sid]);
    assert.equal((await asOwner.sip.domains(domain.sid).auth.calls.credentialListMappings.list()).length, 0);
    assert.equal((await asOwner.sip.domains(domain.sid).fetch()).authType, null);
    assert.equal(await registrations(list.sid).remove(), true);
    assert.equal((await registrations.list()).length, 0);
  });

  test('mapping a list twice is a 409; mapping another account\'s list, or a missing one, is a 404; nothing is written', async () => {
    const domain = await newDomain();
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Once' });
    const theirs = await asStranger.sip.credentialLists.create({ friendlyName: 'Not yours' });
    const calls = asOwner.sip.domains(domain.sid).auth.calls;
    await calls.credentialListMappings.create({ credentialListSid: list.sid });
    assert.deepEqual(await refusal(calls.credentialListMappings.create({ credentialListSid: list.sid })), { status: 409, code: 20409 });
    assert.deepEqual(await refusal(asOwner.sip.domains(domain.sid).credentialListMappings.create({ credentialListSid: list.sid })), { status: 409, code: 20409 });
    assert.deepEqual(await refusal(calls.credentialListMappings.create({ credentialListSid: theirs.sid })), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(calls.credentialListMappings.create({ credentialListSid: `CL${'0'.repeat(32)}` })), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(calls.credentialListMappings.create({ credentialListSid: 'not-a-sid' })), { status: 400, code: 20001 });
    const acl = await asOwner.sip.ipAccessControlLists.create({ friendlyName: 'Wrong kind' });
    assert.deepEqual(await refusal(calls.credentialListMappings.create({ credentialListSid: acl.sid })), { status: 400, code: 20001 });
    assert.deepEqual((await calls.credentialListMappings.list()).map((m) => m.sid), [list.sid]);
  });

  test('another account\'s domain cannot be mapped into or read, and deleting a list or a domain removes its mappings', async () => {
    const domain = await newDomain();
    const list = await asOwner.sip.credentialLists.create({ friendlyName: 'Temporary' });
    const mine = await asStranger.sip.credentialLists.create({ friendlyName: 'Stranger list' });
    const intoOwner = twilioClient(server.current.url, stranger.sid, stranger.auth_token, stranger.sid).sip.domains(domain.sid).auth.calls;
    assert.deepEqual(await refusal(intoOwner.credentialListMappings.create({ credentialListSid: mine.sid })), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(intoOwner.credentialListMappings.list()), { status: 404, code: 20404 });
    await asOwner.sip.domains(domain.sid).auth.calls.credentialListMappings.create({ credentialListSid: list.sid });
    await asOwner.sip.credentialLists(list.sid).remove();
    assert.equal((await asOwner.sip.domains(domain.sid).auth.calls.credentialListMappings.list()).length, 0);
    assert.equal((await asOwner.sip.domains(domain.sid).fetch()).authType, null);
    const kept = await asOwner.sip.ipAccessControlLists.create({ friendlyName: 'Kept' });
    await asOwner.sip.domains(domain.sid).auth.calls.ipAccessControlListMappings.create({ ipAccessControlListSid: kept.sid });
    await asOwner.sip.domains(domain.sid).remove();
    const rows = await server.current.deps.db.selectFrom('sip_domain_mappings').select('list_sid').where('domain_sid', '=', domain.sid).execute();
    assert.equal(rows.length, 0);
    assert.equal((await asOwner.sip.ipAccessControlLists(kept.sid).fetch()).sid, kept.sid, 'the list outlives the domain');
  });

  test('each of the five mapping resources creates, lists, fetches and deletes in Twilio\'s shape', async () => {
    const domain = await newDomain();
    const d = asOwner.sip.domains(domain.sid);
    const families = [
      { name: 'legacy credential list', kind: 'credential', api: mappingApi(d.credentialListMappings) },
      { name: 'legacy IP access control list', kind: 'ip', api: mappingApi(d.ipAccessControlListMappings) },
      { name: 'calls credential list', kind: 'credential', api: mappingApi(d.auth.calls.credentialListMappings) },
      { name: 'calls IP access control list', kind: 'ip', api: mappingApi(d.auth.calls.ipAccessControlListMappings) },
      { name: 'registrations credential list', kind: 'credential', api: mappingApi(d.auth.registrations.credentialListMappings) },
    ] as const;
    for (const { name, kind, api } of families) {
      const listSid =
        kind === 'credential'
          ? (await asOwner.sip.credentialLists.create({ friendlyName: name })).sid
          : (await asOwner.sip.ipAccessControlLists.create({ friendlyName: name })).sid;
      const created = await api.create(kind === 'credential' ? { credentialListSid: listSid } : { ipAccessControlListSid: listSid });
      assert.equal(created.sid, listSid, name);
      assert.ok((await api.list()).some((m) => m.sid === listSid), name);
      assert.equal((await api(listSid).fetch()).friendlyName, name);
      assert.equal(await api(listSid).remove(), true, name);
      assert.deepEqual(await refusal(api(listSid).fetch()), { status: 404, code: 20404 }, name);
    }
  });

  test('mapping lists page by keyset with the contents key', async () => {
    const domain = await newDomain();
    const sids = [];
    for (let i = 0; i < 3; i++) {
      const acl = await asOwner.sip.ipAccessControlLists.create({ friendlyName: `ACL ${i}` });
      await asOwner.sip.domains(domain.sid).auth.calls.ipAccessControlListMappings.create({ ipAccessControlListSid: acl.sid });
      sids.push(acl.sid);
    }
    const page = await asOwner.sip.domains(domain.sid).auth.calls.ipAccessControlListMappings.page({ pageSize: 2 });
    assert.equal(page.instances.length, 2);
    const all = await asOwner.sip.domains(domain.sid).auth.calls.ipAccessControlListMappings.list({ pageSize: 2 });
    assert.deepEqual(new Set(all.map((m) => m.sid)), new Set(sids));
  });
});
