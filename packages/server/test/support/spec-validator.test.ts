import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertMatchesSpec, assertTwilioError } from './spec-validator.ts';

const connectApp = {
  account_sid: `AC${'a'.repeat(32)}`,
  authorize_redirect_url: 'https://example.com/authorize',
  company_name: 'Co',
  deauthorize_callback_method: 'POST',
  deauthorize_callback_url: null,
  description: null,
  friendly_name: 'App',
  homepage_url: null,
  permissions: ['get-all'],
  sid: `CN${'b'.repeat(32)}`,
  uri: `/2010-04-01/Accounts/AC${'a'.repeat(32)}/ConnectApps/CN${'b'.repeat(32)}.json`,
};
const path = `/2010-04-01/Accounts/AC${'a'.repeat(32)}/ConnectApps/CN${'b'.repeat(32)}.json`;

test('a response with every declared field passes', () => {
  assert.doesNotThrow(() => assertMatchesSpec('GET', path, 200, connectApp));
});

test('a missing field, an extra field, a wrong enum or a bad SID fails', () => {
  const { description: _omitted, ...missing } = connectApp;
  for (const body of [missing, { ...connectApp, extra: 1 }, { ...connectApp, permissions: ['read'] }, { ...connectApp, sid: 'CN1' }]) {
    assert.throws(() => assertMatchesSpec('GET', path, 200, body), /does not match Twilio's spec/);
  }
});

test('dates must be RFC 2822 with a literal +0000', () => {
  const account = `/2010-04-01/Accounts/AC${'a'.repeat(32)}.json`;
  const base = {
    auth_token: null, date_created: 'Thu, 30 Jul 2015 20:00:00 +0000', date_updated: 'Thu, 30 Jul 2015 20:00:00 +0000',
    friendly_name: 'x', owner_account_sid: `AC${'a'.repeat(32)}`, sid: `AC${'a'.repeat(32)}`, status: 'active',
    subresource_uris: {}, type: 'Full', uri: account,
  };
  assert.doesNotThrow(() => assertMatchesSpec('GET', account, 200, base));
  assert.throws(() => assertMatchesSpec('GET', account, 200, { ...base, date_created: '2015-07-30T20:00:00Z' }));
  assert.throws(() => assertMatchesSpec('GET', account, 200, { ...base, date_created: 'Thu, 30 Jul 2015 20:00:00 GMT' }));
});

test('an error body must be exactly code, message, more_info and status', () => {
  const good = { code: 20404, message: 'x', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 };
  assert.doesNotThrow(() => assertTwilioError(404, good));
  assert.throws(() => assertTwilioError(400, good));
  assert.throws(() => assertTwilioError(404, { ...good, type: 'x' }));
  assert.throws(() => assertTwilioError(404, 'Not Found'));
});
