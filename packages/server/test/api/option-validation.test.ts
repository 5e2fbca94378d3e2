import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';

const SENDER = '+15005550006';
const CALL = { To: '+14155550100', From: SENDER, Url: 'https://app.example.com/twiml' };
const MESSAGE = { To: '+14155550100', From: SENDER, Body: 'hello' };

/** Each option that Twilio checks, with a bad value, and the code it answers. */
const BAD_CALLS: Array<[string, Record<string, string | string[]>, number]> = [
  ['an unknown StatusCallbackEvent', { StatusCallbackEvent: 'bogus' }, 20001],
  ['a bogus value among repeated StatusCallbackEvents', { StatusCallbackEvent: ['initiated', 'bogus'] }, 20001],
  ['a bogus value among space-separated StatusCallbackEvents', { StatusCallbackEvent: 'ringing bogus' }, 20001],
  ['an unknown RecordingStatusCallbackEvent', { RecordingStatusCallbackEvent: 'done' }, 20001],
  ['RecordingChannels=stereo', { RecordingChannels: 'stereo' }, 20001],
  ['MachineDetection=yes', { MachineDetection: 'yes' }, 20001],
  ['Trim=cut', { Trim: 'cut' }, 20001],
  ['RecordingTrack=left', { RecordingTrack: 'left' }, 20001],
  ['AsyncAmd=maybe', { AsyncAmd: 'maybe' }, 20001],
  ['MachineDetectionTimeout=1', { MachineDetectionTimeout: '1' }, 20001],
  ['SendDigits with letters', { SendDigits: '12ab' }, 20001],
  ['a Byoc trunk that does not exist', { Byoc: 'BY' + '0'.repeat(32) }, 20001],
  ['a ClientNotificationUrl that is not a URL', { ClientNotificationUrl: 'nope' }, 21205],
];

const BAD_MESSAGES: Array<[string, Record<string, string | string[]>, number]> = [
  ['a MessagingServiceSid that does not exist, beside a From', { MessagingServiceSid: 'MG' + '0'.repeat(32) }, 21701],
  ['a ContentSid that does not exist', { ContentSid: 'HX' + '0'.repeat(32) }, 21655],
  ['ContentVariables that are not a JSON object', { ContentVariables: '[1' }, 21656],
  ['an ApplicationSid that is not an Application of the account', { ApplicationSid: 'AP' + '0'.repeat(32) }, 20001],
  ['ContentRetention=forever', { ContentRetention: 'forever' }, 20001],
  ['AddressRetention=keep', { AddressRetention: 'keep' }, 20001],
  ['TrafficType=paid', { TrafficType: 'paid' }, 20001],
  ['RiskCheck=on', { RiskCheck: 'on' }, 20001],
  ['SendAsMms=yes', { SendAsMms: 'yes' }, 20001],
  ['ValidityPeriod=0', { ValidityPeriod: '0' }, 20001],
  ['MaxPrice=cheap', { MaxPrice: 'cheap' }, 20001],
  ['a FallbackFrom that is not a number', { FallbackFrom: 'me' }, 20001],
];

onEachDatabase('Every option of a new call or message is checked', (database) => {
  const server = serveForSuite(database);
  let account: Account;

  before(async () => {
    account = await makeAccount(server.current.deps.db, 'Careful');
  });

  const post = async (resource: 'Calls' | 'Messages', fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    const response = await fetch(`${server.current.url}/2010-04-01/Accounts/${account.sid}/${resource}.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${account.sid}:${account.auth_token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: response.status, body: (await response.json()) as { code?: number } };
  };
  const rows = async (table: 'calls' | 'messages') => (await server.current.deps.db.selectFrom(table).select('sid').where('account_sid', '=', account.sid).execute()).length;

  for (const [what, fields, code] of BAD_CALLS) {
    test(`a call with ${what} is refused (400/${code}) and not placed`, async () => {
      const before = await rows('calls');
      const { status, body } = await post('Calls', { ...CALL, ...fields });
      assert.deepEqual([status, body.code], [400, code]);
      assert.equal(await rows('calls'), before);
    });
  }

  for (const [what, fields, code] of BAD_MESSAGES) {
    test(`a message with ${what} is refused (400/${code}) and not sent`, async () => {
      const before = await rows('messages');
      const { status, body } = await post('Messages', { ...MESSAGE, ...fields });
      assert.deepEqual([status, body.code], [400, code]);
      assert.equal(await rows('messages'), before);
    });
  }

  test('good values of the same options are accepted', async () => {
    const call = await post('Calls', {
      ...CALL, StatusCallbackEvent: ['initiated', 'ringing answered', 'completed'], RecordingStatusCallbackEvent: 'in-progress completed',
      RecordingChannels: 'dual', MachineDetection: 'Enable', Trim: 'do-not-trim', RecordingTrack: 'both', AsyncAmd: 'True', SendDigits: '1234#w*',
    });
    assert.equal(call.status, 201);
    const message = await post('Messages', {
      ...MESSAGE, ContentRetention: 'retain', AddressRetention: 'obfuscate', RiskCheck: 'disable', SendAsMms: 'false', ValidityPeriod: '600', MaxPrice: '0.05',
    });
    assert.equal(message.status, 201);
  });
});
