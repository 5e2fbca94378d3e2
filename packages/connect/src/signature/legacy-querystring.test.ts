import { test } from 'node:test';
import assert from 'node:assert/strict';
import querystring from 'node:querystring';
import { seeded } from '../../test/random.ts';
import { reencodeLegacyQuery } from './legacy-querystring.ts';

const legacy = (query: string): string => querystring.stringify(querystring.parse(query));

// ASCII as it appears in a serialized URL's query, plus escapes that are valid, broken, or invalid UTF-8.
const PIECES = ['a', 'B', '1', '42', '0', '&', '=', '+', '%', '%7e', '%7E', '%20', '%2B', '%26', '%3D', '%zz', '%4', '%C3', '%C3%A9', '%E2%82', '%F0%9F%98%80', '%FF', "'", '~', '*', '!', '(', ')', '-', '.', '_', '%25', '%%41'];

test('re-encoding equals node:querystring parse-then-stringify on generated queries', () => {
  const r = seeded(3);
  for (let i = 0; i < 3000; i++) {
    const query = r.string(PIECES, 0, 14);
    assert.equal(reencodeLegacyQuery(query), legacy(query), JSON.stringify(query));
  }
});

test('integer-like names move first, as they do on a JavaScript object', () => {
  assert.equal(reencodeLegacyQuery('b=1&10=x&2=y&a=z'), '2=y&10=x&b=1&a=z');
  assert.equal(reencodeLegacyQuery('b=1&10=x&2=y&a=z'), legacy('b=1&10=x&2=y&a=z'));
});

test('repeated names are gathered under their first position', () => {
  assert.equal(reencodeLegacyQuery('a=1&b=2&a=3'), 'a=1&a=3&b=2');
});

test('spaces become %20, tildes are unescaped and broken escapes are kept as %25', () => {
  assert.equal(reencodeLegacyQuery('q=a+b%7e%zz'), 'q=a%20b~%25zz');
});

test('only the first 1000 pairs survive, as with querystring\'s maxKeys', () => {
  const query = Array.from({ length: 1005 }, (_, i) => `k${i}=${i}`).join('&');
  assert.equal(reencodeLegacyQuery(query), legacy(query));
  assert.ok(!reencodeLegacyQuery(query).includes('k1000='));
});
