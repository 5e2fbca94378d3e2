import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COUNTRIES, findCountry, findInventoryNumber, inventoryInAreaCode, inventoryOf, nanpLocalCapabilities } from './number-inventory.ts';
import { isE164 } from './phone-number.ts';

describe('the number inventory', () => {
  test('US local numbers are the fictional 555-0100 to 555-0199 of each area code', () => {
    const sf = inventoryOf('US', 'local').filter((n) => n.areaCode === '415');
    assert.equal(sf.length, 100);
    assert.equal(sf[0]!.phoneNumber, '+14155550100');
    assert.equal(sf[99]!.phoneNumber, '+14155550199');
    assert.ok(inventoryOf('US', 'local').every((n) => /^\+1\d{3}55501\d\d$/.test(n.phoneNumber)));
  });

  test('a US local number carries its place: locality, region, postal code, coordinates, LATA and rate center', () => {
    const n = findInventoryNumber('+14155550123')!;
    assert.deepEqual(
      [n.friendlyName, n.isoCountry, n.type, n.areaCode, n.locality, n.region, n.postalCode, n.lata, n.rateCenter],
      ['(415) 555-0123', 'US', 'local', '415', 'San Francisco', 'CA', '94103', '722', 'SNFC CNTRL'],
    );
    assert.equal(typeof n.latitude, 'number');
    assert.equal(typeof n.longitude, 'number');
  });

  test('US toll-free numbers are 800 and 888 555-01xx with no place', () => {
    const tollFree = inventoryOf('US', 'tollfree');
    assert.equal(tollFree.length, 200);
    assert.ok(tollFree.every((n) => /^\+1(800|888)55501\d\d$/.test(n.phoneNumber) && n.locality === null && n.latitude === null));
  });

  test('Canada sells local numbers in 604, 416 and 514', () => {
    assert.deepEqual([...new Set(inventoryOf('CA', 'local').map((n) => n.areaCode))], ['604', '416', '514']);
    assert.equal(findInventoryNumber('+16045550150')?.region, 'BC');
  });

  test('British numbers come from Ofcom drama ranges: 020 7946 0xxx, 07700 900xxx, 0808 157 0xxx', () => {
    assert.equal(findInventoryNumber('+442079460000')?.locality, 'London');
    assert.equal(findInventoryNumber('+442079460999')?.type, 'local');
    assert.equal(findInventoryNumber('+447700900123')?.type, 'mobile');
    assert.equal(findInventoryNumber('+448081570500')?.type, 'tollfree');
    assert.equal(findInventoryNumber('+442079461000'), undefined);
    assert.equal(inventoryOf('GB', 'mobile').length, 1000);
    assert.equal(findInventoryNumber('+447700900123')?.areaCode, null);
  });

  test('every number is valid E.164 and appears once', () => {
    const all = COUNTRIES.flatMap((c) => c.types.flatMap((t) => [...inventoryOf(c.code, t)]));
    assert.ok(all.every((n) => isE164(n.phoneNumber)));
    assert.equal(new Set(all.map((n) => n.phoneNumber)).size, all.length);
  });

  test('the inventory is the same on every call', () => {
    assert.deepEqual(inventoryOf('US', 'local').map((n) => n.phoneNumber), inventoryOf('US', 'local').map((n) => n.phoneNumber));
  });

  test('NANP local capabilities vary by last digit so every capability filter matters', () => {
    assert.deepEqual(nanpLocalCapabilities(100), { voice: true, sms: true, mms: true, fax: true });
    assert.deepEqual(nanpLocalCapabilities(101), { voice: true, sms: true, mms: true, fax: false });
    assert.deepEqual(nanpLocalCapabilities(107), { voice: true, sms: true, mms: false, fax: false });
    assert.deepEqual(nanpLocalCapabilities(108), { voice: true, sms: false, mms: false, fax: false });
    assert.deepEqual(nanpLocalCapabilities(109), { voice: false, sms: true, mms: true, fax: false });
  });

  test('countries are found in any case; unknown ones are not', () => {
    assert.equal(findCountry('gb')?.name, 'United Kingdom');
    assert.equal(findCountry('FR'), undefined);
  });

  test('an area code finds local and toll-free numbers alike', () => {
    assert.equal(inventoryInAreaCode('212').length, 100);
    assert.equal(inventoryInAreaCode('800').length, 100);
    assert.equal(inventoryInAreaCode('999').length, 0);
  });
});
