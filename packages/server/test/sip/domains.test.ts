import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { refusal, twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const EVERY_FIELD = {
  friendlyName: 'Scranton Office',
  voiceUrl: 'https://app.example.com/sip',
  voiceMethod: 'GET',
  voiceFallbackUrl: 'https://app.example.com/sip-fallback',
  voiceFallbackMethod: 'GET',
  voiceStatusCallbackUrl: 'https://app.example.com/sip-status',
  voiceStatusCallbackMethod: 'GET',
  sipRegistration: true,
  emergencyCallingEnabled: true,
  secure: true,
  byocTrunkSid: `BY${'a'.repeat(32)}`,
} as const;

onEachDatabase('SIP Domains through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let stranger: Account;
  let asOwner: TwilioClient;
  let asStranger: TwilioClient;
  let counter = 0;
  const uniqueName = () => `office-${database.name.toLowerCase()}-${++counter}.sip.twilio.com`;

  before(async () => {
    const { db } = server.current.deps;
    owner = await makeAccount(db, 'Owner');
    stranger = await makeAccount(db, 'Stranger');
    asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
    asStranger = twilioClient(server.current.url, stranger.sid, stranger.auth_token);
  });

  test('a domain created with only its name answers 201 with Twilio\'s defaults and its subresource URIs', async () => {
    const name = uniqueName();
    const domain = await asOwner.sip.domains.create({ domainName: name });
    assert.match(domain.sid, /^SD[0-9a-f]{32}$/);
    assert.equal(domain.domainName, name);
    assert.deepEqual(
      [domain.friendlyName, domain.voiceUrl, domain.voiceMethod, domain.voiceFallbackMethod, domain.voiceStatusCallbackMethod, domain.authType, domain.apiVersion],
      [null, null, 'POST', 'POST', 'POST', null, '2010-04-01'],
    );
    assert.deepEqual([domain.sipRegistration, domain.emergencyCallingEnabled, domain.secure, domain.byocTrunkSid, domain.emergencyCallerSid], [false, false, false, null, null]);
    const base = `/2010-04-01/Accounts/${owner.sid}/SIP/Domains/${domain.sid}`;
    assert.equal(domain.uri, `${base}.json`);
    assert.deepEqual(domain.subresourceUris, {
      ip_access_control_list_mappings: `${base}/IpAccessControlListMappings.json`,
      credential_list_mappings: `${base}/CredentialListMappings.json`,
    });
  });

  test('every field given on create is kept and fetched back, and an update changes only what it names', async () => {
    const numberSid = await giveNumber(server.current.deps.db, owner.sid, '+14155550190');
    const domain = await asOwner.sip.domains.create({ domainName: uniqueName(), ...EVERY_FIELD, emergencyCallerSid: numberSid });
    const fetched = await asOwner.sip.domains(domain.sid).fetch();
    for (const [key, value] of Object.entries(EVERY_FIELD)) assert.deepEqual(fetched[key as keyof typeof fetched], value, key);
    assert.equal(fetched.emergencyCallerSid, numberSid);
    const renamed = uniqueName();
    const updated = await asOwner.sip.domains(domain.sid).update({ domainName: renamed.toUpperCase(), voiceUrl: '', secure: false });
    assert.equal(updated.domainName, renamed, 'names are kept lowercase');
    assert.equal(updated.voiceUrl, null);
    assert.equal(updated.secure, false);
    assert.equal(updated.voiceMethod, 'GET');
    assert.equal(updated.friendlyName, 'Scranton Office');
  });

  test('a domain name is unique across all accounts: taking one in use is refused with 409 and writes nothing', async () => {
    const name = uniqueName();
    await asOwner.sip.domains.create({ domainName: name });
    assert.deepEqual(await refusal(asStranger.sip.domains.create({ domainName: name })), { status: 409, code: 20409 });
    assert.deepEqual(await refusal(asOwner.sip.domains.create({ domainName: name.toUpperCase() })), { status: 409, code: 20409 });
    const other = await asOwner.sip.domains.create({ domainName: uniqueName() });
    assert.deepEqual(await refusal(asOwner.sip.domains(other.sid).update({ domainName: name })), { status: 409, code: 20409 });
    assert.equal((await asStranger.sip.domains.list()).length, 0);
  });

  test('bad input is refused with Twilio codes and writes nothing', async () => {
    const before = (await asOwner.sip.domains.list()).length;
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ domainName: 'example.com' }, 20001],
      [{ domainName: 'two.labels.sip.twilio.com' }, 20001],
      [{ domainName: '-dash.sip.twilio.com' }, 20001],
      [{ domainName: uniqueName(), voiceUrl: 'ftp://app.example.com' }, 21402],
      [{ domainName: uniqueName(), voiceMethod: 'PUT' }, 21403],
      [{ domainName: uniqueName(), secure: 'maybe' }, 20001],
      [{ domainName: uniqueName(), byocTrunkSid: 'BYnope' }, 20001],
      [{ domainName: uniqueName(), emergencyCallerSid: `PN${'0'.repeat(32)}` }, 20001],
      [{ domainName: uniqueName(), friendlyName: 'x'.repeat(65) }, 20001],
    ];
    for (const [fields, code] of cases) {
      assert.deepEqual(await refusal(asOwner.sip.domains.create(fields as { domainName: string })), { status: 400, code }, JSON.stringify(fields));
    }
    assert.deepEqual(await refusal(asOwner.sip.domains.create({ domainName: '' })), { status: 400, code: 20001 }, 'an empty name');
    assert.equal((await asOwner.sip.domains.list()).length, before);
  });

  test('another account\'s domain is a 404 to fetch, update or delete, and deleting one\'s own removes it', async () => {
    const domain = await asOwner.sip.domains.create({ domainName: uniqueName() });
    const asStrangerForOwner = twilioClient(server.current.url, stranger.sid, stranger.auth_token, stranger.sid);
    assert.deepEqual(await refusal(asStrangerForOwner.sip.domains(domain.sid).fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asStrangerForOwner.sip.domains(domain.sid).update({ friendlyName: 'Mine' })), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asStrangerForOwner.sip.domains(domain.sid).remove()), { status: 404, code: 20404 });
    assert.equal(await asOwner.sip.domains(domain.sid).remove(), true);
    assert.deepEqual(await refusal(asOwner.sip.domains(domain.sid).fetch()), { status: 404, code: 20404 });
    assert.deepEqual(await refusal(asOwner.sip.domains('SDnotasid').fetch()), { status: 404, code: 20404 });
  });

  test('the list is keyset-paged in creation order with the domains key', async () => {
    const account = await makeAccount(server.current.deps.db, 'Pager');
    const client = twilioClient(server.current.url, account.sid, account.auth_token);
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await client.sip.domains.create({ domainName: uniqueName() })).sid);
    const first = await client.sip.domains.page({ pageSize: 2 });
    assert.deepEqual(first.instances.map((d) => d.sid), created.slice(0, 2));
    const second = await first.nextPage();
    assert.deepEqual(second!.instances.map((d) => d.sid), created.slice(2, 4));
    assert.deepEqual((await client.sip.domains.list({ pageSize: 2 })).map((d) => d.sid), created);
  });
});
