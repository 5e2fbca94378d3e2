import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findInventoryNumber, inventoryOf } from './number-inventory.ts';
import { matchesSearch, parseContains, type NumberSearch } from './number-search.ts';

const n = (phoneNumber: string) => findInventoryNumber(phoneNumber)!;
const contains = (pattern: string) => {
  const parsed = parseContains(pattern);
  assert.ok(parsed, `${pattern} parses`);
  return parsed;
};
const search = (filters: NumberSearch, phoneNumber: string) => matchesSearch(n(phoneNumber), filters);

describe('Contains patterns', () => {
  test('digits match anywhere in the number', () => {
    assert.equal(search({ contains: contains('5550123') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('5550124') }, '+14155550123'), false);
  });

  test('* matches exactly one digit, anywhere', () => {
    assert.equal(search({ contains: contains('415555****') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('55*0123') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('212555****') }, '+14155550123'), false);
  });

  test('a leading + anchors at the start of the number, with or without its country code', () => {
    assert.equal(search({ contains: contains('+1415') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('+415') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('+555') }, '+14155550123'), false);
  });

  test('a trailing $ anchors at the end', () => {
    assert.equal(search({ contains: contains('0123$') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('5550$') }, '+14155550123'), false);
  });

  test('% matches any run of digits at either end', () => {
    assert.equal(search({ contains: contains('%0123') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('1415%') }, '+14155550123'), true);
  });

  test('letters are their keypad digits', () => {
    // 5550 is JJJ0 (or KKK0, LLL0) on a keypad; MMM0 is 6660.
    assert.equal(search({ contains: contains('JJJ0') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('jjj0') }, '+14155550123'), true);
    assert.equal(search({ contains: contains('MMM0') }, '+14155550123'), false);
  });

  test('patterns that break Twilio\'s rules are refused', () => {
    for (const bad of ['5', '12345678901234567', '55-01', '+%55', '55%$', '5%5', '1+5', '5$5', '*5', '**', 'é5']) {
      assert.equal(parseContains(bad), null, bad);
    }
  });
});

describe('search filters', () => {
  test('AreaCode keeps numbers of that area code in the US and Canada and is ignored elsewhere', () => {
    assert.equal(search({ areaCode: '415' }, '+14155550100'), true);
    assert.equal(search({ areaCode: '212' }, '+14155550100'), false);
    assert.equal(search({ areaCode: '212' }, '+442079460000'), true);
  });

  test('area code 533 never has numbers', () => {
    assert.equal(inventoryOf('US', 'local').some((x) => matchesSearch(x, { areaCode: '533' })), false);
  });

  test('capability filters require the capability when true and its absence when false', () => {
    assert.equal(search({ capabilities: { sms: true } }, '+14155550108'), false);
    assert.equal(search({ capabilities: { sms: false } }, '+14155550108'), true);
    assert.equal(search({ capabilities: { voice: false } }, '+14155550109'), true);
    assert.equal(search({ capabilities: { mms: true, fax: true } }, '+14155550100'), true);
    assert.equal(search({ capabilities: { fax: true } }, '+14155550101'), false);
  });

  test('place filters compare without regard to case', () => {
    assert.equal(search({ inRegion: 'ca', inLocality: 'san francisco', inPostalCode: '94103' }, '+14155550100'), true);
    assert.equal(search({ inRegion: 'NY' }, '+14155550100'), false);
    assert.equal(search({ inLata: '722', inRateCenter: 'SNFC CNTRL' }, '+14155550100'), true);
    assert.equal(search({ inLocality: 'London' }, '+447700900000'), false);
  });
});
