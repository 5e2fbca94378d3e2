import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TwilioError } from '../errors/twilio-error.ts';
import { many, one, parseUrlEncoded, rejectUnknown } from './params.ts';

test('repeated names keep every value in order', () => {
  const params = parseUrlEncoded('Permissions=get-all&FriendlyName=a+b&Permissions=post-all');
  assert.deepEqual(params.get('Permissions'), ['get-all', 'post-all']);
  assert.equal(one(params, 'FriendlyName'), 'a b');
});

test('inequality filter names arrive percent-encoded and decode to their Twilio names', () => {
  const params = parseUrlEncoded('StartTime%3E=2024-01-01&EndTime%3C=2024-02-01');
  assert.equal(one(params, 'StartTime>'), '2024-01-01');
  assert.equal(one(params, 'EndTime<'), '2024-02-01');
});

test('comma lists and repeated keys both read as a list', () => {
  assert.deepEqual(many(parseUrlEncoded('Permissions=get-all,post-all'), 'Permissions'), ['get-all', 'post-all']);
  assert.deepEqual(many(parseUrlEncoded('Permissions=get-all&Permissions=post-all'), 'Permissions'), ['get-all', 'post-all']);
});

test('UTF-8 escapes decode; broken escapes and invalid UTF-8 are refused with 400', () => {
  assert.equal(one(parseUrlEncoded('FriendlyName=caf%C3%A9'), 'FriendlyName'), 'café');
  for (const bad of ['FriendlyName=%E9', 'FriendlyName=%ZZ', 'FriendlyName=%C3']) {
    assert.throws(() => parseUrlEncoded(bad), (e: unknown) => e instanceof TwilioError && e.status === 400 && e.code === 20001);
  }
});

test('unknown names are refused and the message lists what is accepted', () => {
  assert.throws(
    () => rejectUnknown(parseUrlEncoded('FriendlyNam=x'), new Set(['FriendlyName'])),
    (e: unknown) => e instanceof TwilioError && /FriendlyNam'.*FriendlyName/.test(e.message),
  );
  assert.doesNotThrow(() => rejectUnknown(parseUrlEncoded('FriendlyName=x'), new Set(['FriendlyName'])));
});
