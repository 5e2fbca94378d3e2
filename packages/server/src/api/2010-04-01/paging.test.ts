import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TwilioError } from '../../errors/twilio-error.ts';
import { parseUrlEncoded } from '../../http/params.ts';
import { decodeCursor, encodeCursor, listEnvelope, readPageRequest } from './paging.ts';

test('a cursor survives encoding and decoding in both directions', () => {
  for (const direction of ['after', 'before'] as const) {
    const cursor = { direction, created: 1700000000123, key: 'AC0123456789abcdef0123456789abcdef' };
    assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
  }
});

test('a forged or truncated PageToken is a 400, not a server error', () => {
  for (const token of ['PAxyz', 'XX' + Buffer.from('1.AC').toString('base64url'), 'PA' + Buffer.from("1.AC' OR 1=1").toString('base64url')]) {
    assert.throws(() => decodeCursor(token), (e: unknown) => e instanceof TwilioError && e.status === 400);
  }
});

test('PageSize defaults to 50, and a PageSize over 1000 is served as pages of 1000', () => {
  assert.equal(readPageRequest(parseUrlEncoded('')).pageSize, 50);
  assert.equal(readPageRequest(parseUrlEncoded('PageSize=1000')).pageSize, 1000);
  assert.equal(readPageRequest(parseUrlEncoded('PageSize=5000')).pageSize, 1000);
  for (const bad of ['PageSize=0', 'PageSize=abc', 'PageSize=-1', 'Page=-1']) {
    assert.throws(() => readPageRequest(parseUrlEncoded(bad)), TwilioError);
  }
});

test('Page without a PageToken skips Page × PageSize rows; with one, the token says where the page starts', () => {
  assert.equal(readPageRequest(parseUrlEncoded('PageSize=2&Page=3')).offset, 6);
  const token = encodeCursor({ direction: 'after', created: 1, key: 'CA1' });
  assert.equal(readPageRequest(parseUrlEncoded(`PageSize=2&Page=3&PageToken=${token}`)).offset, 0);
});

test('the envelope echoes filters, counts from zero and links pages root-relative', () => {
  const request = readPageRequest(parseUrlEncoded('PageSize=2&Page=1'));
  const envelope = listEnvelope({
    key: 'accounts',
    path: '/Accounts',
    filters: [['Status', 'active']],
    request,
    result: { rows: [{ id: 'a', t: 1 }, { id: 'b', t: 2 }], hasNext: true, hasPrevious: true },
    serialize: (row) => row.id,
    cursorOf: (row) => ({ created: row.t, key: row.id }),
  });
  assert.deepEqual(envelope.accounts, ['a', 'b']);
  assert.equal(envelope.start, 2);
  assert.equal(envelope.end, 3);
  assert.equal(envelope.first_page_uri, '/2010-04-01/Accounts.json?Status=active&PageSize=2&Page=0');
  assert.match(String(envelope.next_page_uri), /^\/2010-04-01\/Accounts\.json\?Status=active&PageSize=2&Page=2&PageToken=PA/);
  assert.match(String(envelope.previous_page_uri), /&Page=0&PageToken=PB/);
});

test('an empty last page has no next page and end 0', () => {
  const envelope = listEnvelope({
    key: 'accounts', path: '/Accounts', filters: [], request: readPageRequest(parseUrlEncoded('')),
    result: { rows: [], hasNext: false, hasPrevious: false }, serialize: String, cursorOf: () => ({ created: 0, key: 'x' }),
  });
  assert.equal(envelope.next_page_uri, null);
  assert.equal(envelope.previous_page_uri, null);
  assert.equal(envelope.end, 0);
});
