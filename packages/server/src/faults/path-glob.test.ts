import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathGlob } from './path-glob.ts';

const MESSAGES = '/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json';

test('a star spans slashes, so */Messages.json matches any account\'s messages', () => {
  assert.ok(pathGlob('*/Messages.json').test(MESSAGES));
  assert.ok(pathGlob('*').test(MESSAGES));
  assert.ok(!pathGlob('*/Calls.json').test(MESSAGES));
});

test('a glob matches the whole path, and dots and question marks mean what they say', () => {
  assert.ok(!pathGlob('/Accounts/*').test(MESSAGES), 'anchored at the start');
  assert.ok(!pathGlob('*/Messages').test(MESSAGES), 'anchored at the end');
  assert.ok(!pathGlob('*/Messages.json').test(MESSAGES.replace('.json', 'xjson')), 'a dot is a dot');
  assert.ok(pathGlob('/2010-04-01/Accounts/AC?0000000000000000000000000000001/Messages.json').test(MESSAGES));
});
