import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy } from './security-headers.ts';

test('the default policy allows only this origin and no framing', () => {
  assert.equal(
    contentSecurityPolicy(),
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
});

test('a page adds only the form targets and style hashes it needs', () => {
  const csp = contentSecurityPolicy({ formAction: ['https://app.example.com'], styleHashes: ["'sha256-abc='"] });
  assert.match(csp, /form-action 'self' https:\/\/app\.example\.com;/);
  assert.match(csp, /style-src 'self' 'unsafe-hashes' 'sha256-abc=';/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.doesNotMatch(csp, /connect-src/);
});

test('only a polling page may fetch, and only from this origin', () => {
  assert.match(contentSecurityPolicy({ connectSelf: true }), /; connect-src 'self';/);
});
