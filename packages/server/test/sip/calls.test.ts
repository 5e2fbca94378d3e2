import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { assertMatchesSpec, assertTwilioError } from '../support/spec-validator.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';
import { startSipApp, type SipApp } from './sip-app.ts';

const PASSWORD = 'Office-Phone-2024';

onEachDatabase('A SIP call to a domain runs its TwiML', (database) => {
  let now = Date.UTC(2025, 5, 2, 9, 0, 0);
  const server = serveForSuite(database, { clock: () => now, simulationIntervalMs: 0, env: { SWITCHBOARD_WEBHOOK_POLL_MS: '0' } });
  let app: SipApp;
  let developer: Account;
  let user: Account;
  let connectSid: string;
  let connect: TwilioClient;
  const suffix = database.name.toLowerCase();
  const IP_DOMAIN = `ip-office-${suffix}.sip.twilio.com`;
  const CREDENTIAL_DOMAIN = `softphones-${suffix}.sip.twilio.com`;
  const OPEN_DOMAIN = `unguarded-${suffix}.sip.twilio.com`;

  const advance = async (ms: number) => {
    now += ms;
    await server.current.simulator.advanceTo(now);
    while ((await server.current.dispatcher.runOnce()) > 0);
  };
  const callIn = async (fields: Record<string, string>, accountSid = connectSid) => {
    const response = await fetch(`${server.current.url}/_switchboard/Accounts/${accountSid}/Inbound/Calls.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${user.sid}:${user.auth_token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const callCount = async () => (await server.current.deps.db.selectFrom('calls').select('sid').where('account_sid', '=', connectSid).execute()).length;
  const seenFor = (callSid: string, path: string) => app.seen.filter((s) => s.path === path && s.params.CallSid === callSid);

  before(async () => {
    const { db } = server.current.deps;
    developer = await makeAccount(db, 'Developer');
    user = await makeAccount(db, 'Customer');
    app = await startSipApp(developer.auth_token);
    connectSid = await authorize(db, await makeApp(db, developer, ['get-all', 'post-all']), user);
    connect = twilioClient(server.current.url, connectSid, developer.auth_token);
    const urls = { voiceUrl: `${app.origin}/sip/voice`, voiceStatusCallbackUrl: `${app.origin}/sip/status` };
    const ipDomain = await connect.sip.domains.create({ domainName: IP_DOMAIN, ...urls });
    const acl = await connect.sip.ipAccessControlLists.create({ friendlyName: 'Office' });
    await connect.sip.ipAccessControlLists(acl.sid).ipAddresses.create({ friendlyName: 'Office LAN', ipAddress: '198.51.100.0', cidrPrefixLength: 24 });
    await connect.sip.domains(ipDomain.sid).auth.calls.ipAccessControlListMappings.create({ ipAccessControlListSid: acl.sid });
    const credentialDomain = await connect.sip.domains.create({ domainName: CREDENTIAL_DOMAIN, ...urls });
    const phones = await connect.sip.credentialLists.create({ friendlyName: 'Phones' });
    await connect.sip.credentialLists(phones.sid).credentials.create({ username: 'alice', password: PASSWORD });
    await connect.sip.domains(credentialDomain.sid).auth.calls.credentialListMappings.create({ credentialListSid: phones.sid });
    await connect.sip.domains.create({ domainName: OPEN_DOMAIN, ...urls });
  });
  after(() => app.close());

  test('a call from an allowed IP fetches the VoiceUrl with Twilio\'s SIP parameters, signed, and dials the PBX with <Sip>', async () => {
    const to = `sip:reception@${IP_DOMAIN}`;
    const from = 'sip:desk-12@198.51.100.23';
    const { status, body } = await callIn({ From: from, To: to, SipSourceIp: '198.51.100.23', SipCallId: 'a84b4c76e66710@pbx.example.com' });
    assert.equal(status, 201);
    assertMatchesSpec('GET', `/2010-04-01/Accounts/${connectSid}/Calls/${body.sid}.json`, 200, body);
    assert.deepEqual([body.direction, body.to, body.from, body.phone_number_sid], ['inbound', to, from, null]);
    await advance(0);
    const [voice] = seenFor(body.sid!, '/sip/voice');
    const domain = (await connect.sip.domains.list()).find((d) => d.domainName === IP_DOMAIN)!;
    assert.deepEqual(
      [voice!.params.To, voice!.params.From, voice!.params.SipDomain, voice!.params.SipDomainSid, voice!.params.SipCallId, voice!.params.SipSourceIp, voice!.params.CallStatus],
      [to, from, IP_DOMAIN, domain.sid, 'a84b4c76e66710@pbx.example.com', '198.51.100.23', 'ringing'],
    );
    assert.equal(voice!.params.SipUsername, undefined, 'no username when the IP authenticated the call');
    await advance(3_600_000);
    const [child] = await connect.calls.list({ parentCallSid: body.sid });
    assert.deepEqual([child!.to, child!.direction], ['sip:reception@pbx.example.com', 'outbound-dial']);
    const [afterDial] = seenFor(body.sid!, '/sip/after-dial');
    assert.equal(afterDial!.params.DialCallSid, child!.sid);
    assert.equal(afterDial!.params.SipDomainSid, domain.sid, 'every request of the call carries the SIP parameters');
    const completed = seenFor(body.sid!, '/sip/status').at(-1);
    assert.equal(completed!.params.CallStatus, 'completed');
    assert.deepEqual(app.refused, [], 'every request was signed with the developer\'s token');
  });

  test('a caller outside the IP access control lists is refused with 403 and 32201, and no call exists', async () => {
    const before = await callCount();
    const refused = await callIn({ From: 'sip:intruder@203.0.113.9', To: `sip:reception@${IP_DOMAIN}`, SipSourceIp: '203.0.113.9' });
    assertTwilioError(refused.status, refused.body);
    assert.deepEqual([refused.status, Number(refused.body.code)], [403, 32201]);
    assert.equal(await callCount(), before);
  });

  test('a credential-list domain takes the right password, passes SipUsername, and refuses a wrong one with 32202', async () => {
    const to = `sip:reception@${CREDENTIAL_DOMAIN.replace('.sip.', '.sip.us1.')}`;
    const before = await callCount();
    const attempts: Array<Record<string, string>> = [{ SipUsername: 'alice', SipPassword: 'Wrong-Password-1' }, { SipUsername: 'mallory', SipPassword: PASSWORD }, {}];
    for (const fields of attempts) {
      const refused = await callIn({ From: 'sip:alice@203.0.113.50', To: to, ...fields });
      assert.deepEqual([refused.status, Number(refused.body.code)], [403, 32202], JSON.stringify(fields));
    }
    assert.equal(await callCount(), before);
    const { status, body } = await callIn({ From: 'sip:alice@203.0.113.50', To: to, SipUsername: 'alice', SipPassword: PASSWORD, SipSourceIp: '203.0.113.50' });
    assert.equal(status, 201);
    await advance(0);
    const [voice] = seenFor(body.sid!, '/sip/voice');
    assert.deepEqual([voice!.params.SipUsername, voice!.params.SipDomain, voice!.params.SipSourceIp], ['alice', CREDENTIAL_DOMAIN, '203.0.113.50']);
    assert.match(voice!.params.SipCallId!, /\S+@\S+/);
  });

  test('a domain with no authentication mapped takes no calls; unknown domains and bad URIs are refused', async () => {
    const open = await callIn({ From: 'sip:anyone@203.0.113.1', To: `sip:reception@${OPEN_DOMAIN}` });
    assert.deepEqual([open.status, Number(open.body.code)], [403, 32201]);
    const unknown = await callIn({ From: 'sip:anyone@203.0.113.1', To: `sip:reception@nobody-${suffix}.sip.twilio.com` });
    assert.deepEqual([unknown.status, Number(unknown.body.code)], [400, 21606]);
    const elsewhere = await callIn({ From: 'sip:anyone@203.0.113.1', To: `sip:reception@${IP_DOMAIN}`, SipSourceIp: '198.51.100.23' }, user.sid);
    assert.deepEqual([elsewhere.status, Number(elsewhere.body.code)], [400, 21606], 'a domain of another account is not reachable through this one');
    const badFrom = await callIn({ From: '+12125550123', To: `sip:reception@${IP_DOMAIN}`, SipSourceIp: '198.51.100.23' });
    assert.deepEqual([badFrom.status, Number(badFrom.body.code)], [400, 21212]);
    const badIp = await callIn({ From: 'sip:a@b.example', To: `sip:reception@${IP_DOMAIN}`, SipSourceIp: '198.51.100' });
    assert.deepEqual([badIp.status, Number(badIp.body.code)], [400, 20001]);
  });
});
