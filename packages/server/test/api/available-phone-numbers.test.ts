import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Account } from '../../src/storage/repositories/accounts.ts';
import { onEachDatabase } from '../support/databases.ts';
import { makeAccount } from '../support/fixtures.ts';
import { serveForSuite } from '../support/server.ts';
import { twilioClient, type TwilioClient } from '../support/twilio-client.ts';

const fail = (status: number, code: number) => ({ status, code });

// Buying and releasing, and who may search, are in phone-numbers.test.ts.
onEachDatabase('AvailablePhoneNumbers through twilio-node', (database) => {
  const server = serveForSuite(database);
  let owner: Account;
  let asOwner: TwilioClient;

  before(async () => {
    owner = await makeAccount(server.current.deps.db, 'Owner');
    asOwner = twilioClient(server.current.url, owner.sid, owner.auth_token);
  });

  test('the country list names the US, Canada and the United Kingdom with the number types each sells', async () => {
    const countries = await asOwner.availablePhoneNumbers.list();
    assert.deepEqual(countries.map((c) => [c.countryCode, c.country]), [['US', 'United States'], ['CA', 'Canada'], ['GB', 'United Kingdom']]);
    const gb = countries.find((c) => c.countryCode === 'GB')!;
    assert.deepEqual(Object.keys(gb.subresourceUris).sort(), ['local', 'mobile', 'toll_free']);
    assert.equal(gb.subresourceUris.mobile, `/2010-04-01/Accounts/${owner.sid}/AvailablePhoneNumbers/GB/Mobile.json`);
    assert.equal(gb.beta, false);
  });

  test('a country is fetched by its ISO code, and an unknown country is 404/20404', async () => {
    const us = await asOwner.availablePhoneNumbers('US').fetch();
    assert.equal(us.country, 'United States');
    assert.deepEqual(Object.keys(us.subresourceUris).sort(), ['local', 'toll_free']);
    await assert.rejects(asOwner.availablePhoneNumbers('FR').fetch(), fail(404, 20404));
    await assert.rejects(asOwner.availablePhoneNumbers('FR').local.list(), fail(404, 20404));
  });

  test('a number type a country does not sell is 404/20404', async () => {
    await assert.rejects(asOwner.availablePhoneNumbers('US').mobile.list(), fail(404, 20404));
    await assert.rejects(asOwner.availablePhoneNumbers('CA').tollFree.list(), fail(404, 20404));
    await assert.rejects(asOwner.availablePhoneNumbers('GB').national.list(), fail(404, 20404));
  });

  test('US local numbers in an area code are fictional 555-01xx numbers with their place and capabilities', async () => {
    const numbers = await asOwner.availablePhoneNumbers('US').local.list({ areaCode: 312 });
    assert.equal(numbers.length, 50, 'a page of the default size');
    assert.ok(numbers.every((n) => /^\+131255501\d\d$/.test(n.phoneNumber)));
    const first = numbers[0]!;
    assert.deepEqual(
      [first.phoneNumber, first.friendlyName, first.locality, first.region, first.postalCode, first.isoCountry, first.lata, first.rateCenter, first.addressRequirements],
      ['+13125550100', '(312) 555-0100', 'Chicago', 'IL', '60601', 'US', '358', 'CHICAGO', 'none'],
    );
    assert.equal(typeof first.latitude, 'number');
    assert.deepEqual(first.capabilities, { voice: true, sms: true, mms: true, fax: true });
  });

  test('Contains matches digits anywhere, * for one digit, + and $ as anchors', async () => {
    const tail = await asOwner.availablePhoneNumbers('US').local.list({ contains: '312555019*' });
    assert.deepEqual(tail.map((n) => n.phoneNumber), Array.from({ length: 10 }, (_, i) => `+1312555019${i}`));
    const anchored = await asOwner.availablePhoneNumbers('US').local.list({ contains: '+1312', pageSize: 1000 });
    assert.equal(anchored.length, 100);
    const ending = await asOwner.availablePhoneNumbers('US').local.list({ contains: '3125550142$' });
    assert.deepEqual(ending.map((n) => n.phoneNumber), ['+13125550142']);
  });

  test('SmsEnabled, MmsEnabled, VoiceEnabled and FaxEnabled keep only numbers with (or without) the capability', async () => {
    const us = asOwner.availablePhoneNumbers('US').local;
    const noSms = await us.list({ areaCode: 312, smsEnabled: false });
    assert.ok(noSms.length > 0 && noSms.every((n) => n.capabilities.sms === false));
    const noVoice = await us.list({ areaCode: 312, voiceEnabled: false });
    assert.ok(noVoice.length > 0 && noVoice.every((n) => n.capabilities.voice === false));
    const mms = await us.list({ areaCode: 312, mmsEnabled: true, pageSize: 100 });
    assert.ok(mms.length > 0 && mms.length < 100 && mms.every((n) => n.capabilities.mms));
    const fax = await us.list({ areaCode: 312, faxEnabled: true });
    assert.equal(fax.length, 20);
    assert.ok(fax.every((n) => n.capabilities.fax && /[05]$/.test(n.phoneNumber)));
  });

  test('InRegion, InPostalCode and InLocality narrow by place', async () => {
    const us = asOwner.availablePhoneNumbers('US').local;
    const texas = await us.list({ inRegion: 'TX', pageSize: 1000 });
    assert.equal(texas.length, 100);
    assert.ok(texas.every((n) => n.region === 'TX'));
    assert.ok((await us.list({ inPostalCode: '80202' })).every((n) => n.locality === 'Denver'));
    assert.ok((await us.list({ inLocality: 'Seattle' })).every((n) => n.phoneNumber.startsWith('+1206')));
    assert.deepEqual(await us.list({ inLocality: 'Nowhere' }), []);
    const london = await asOwner.availablePhoneNumbers('GB').local.list({ inLocality: 'London', pageSize: 5 });
    assert.deepEqual(london.map((n) => n.phoneNumber), ['+442079460000', '+442079460001', '+442079460002', '+442079460003', '+442079460004']);
  });

  test('PageSize bounds the results, which are always a single page', async () => {
    const page = await asOwner.availablePhoneNumbers('US').local.page({ areaCode: 312, pageSize: 7 });
    assert.equal(page.instances.length, 7);
    assert.equal(await page.nextPage(), undefined);
  });

  test('toll-free, mobile and British numbers come from their own fictional ranges', async () => {
    const tollFree = await asOwner.availablePhoneNumbers('US').tollFree.list({ pageSize: 1000 });
    assert.ok(tollFree.every((n) => /^\+1(800|888)55501\d\d$/.test(n.phoneNumber) && n.locality === null));
    const mobile = await asOwner.availablePhoneNumbers('GB').mobile.list({ pageSize: 3 });
    assert.deepEqual(mobile.map((n) => n.phoneNumber), ['+447700900000', '+447700900001', '+447700900002']);
    assert.ok((await asOwner.availablePhoneNumbers('CA').local.list({ areaCode: 604 })).every((n) => n.region === 'BC'));
  });

  test('the filters Twilio defines that cannot narrow the inventory are accepted and change nothing', async () => {
    const plain = await asOwner.availablePhoneNumbers('US').local.list({ areaCode: 206, pageSize: 10 });
    const filtered = await asOwner.availablePhoneNumbers('US').local.list({
      areaCode: 206, pageSize: 10, excludeAllAddressRequired: true, excludeLocalAddressRequired: true, excludeForeignAddressRequired: true,
      beta: false, nearNumber: '+12065550100', nearLatLong: '47.6,-122.3', distance: 50,
    });
    assert.deepEqual(filtered.map((n) => n.phoneNumber), plain.map((n) => n.phoneNumber));
  });

  test('area code 533 never has numbers', async () => {
    assert.deepEqual(await asOwner.availablePhoneNumbers('US').local.list({ areaCode: 533 }), []);
  });

  test('a bad AreaCode is 400/21451, a bad Contains or boolean 400/20001', async () => {
    const us = asOwner.availablePhoneNumbers('US').local;
    await assert.rejects(us.list({ areaCode: 12 }), fail(400, 21451));
    await assert.rejects(us.list({ areaCode: 123 }), fail(400, 21451));
    await assert.rejects(us.list({ contains: '5' }), fail(400, 20001));
    await assert.rejects(us.list({ contains: '55%01' }), fail(400, 20001));
    await assert.rejects(us.list({ smsEnabled: 'sometimes' as unknown as boolean }), fail(400, 20001));
    await assert.rejects(us.list({ distance: 9000 }), fail(400, 20001));
  });
});
