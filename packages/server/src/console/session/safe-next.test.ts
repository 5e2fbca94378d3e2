import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNext } from './safe-next.ts';

test('the consent screen and Console pages are kept, query and all', () => {
  assert.equal(safeNext('/authorize/CN0123?state=a%20b'), '/authorize/CN0123?state=a%20b');
  assert.equal(safeNext('/console/apps'), '/console/apps');
  assert.equal(safeNext('/console'), '/console');
});

test('other sites, scheme-relative and backslash tricks fall back to the Console', () => {
  for (const next of ['https://evil.example/', '//evil.example/authorize/', '/\\evil.example', '/authorize/\\x', '/consolex', '/2010-04-01/Accounts.json', '', undefined]) {
    assert.equal(safeNext(next), '/console', String(next));
  }
});
