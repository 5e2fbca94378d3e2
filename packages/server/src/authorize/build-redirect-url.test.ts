import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRedirectUrl } from './build-redirect-url.ts';

const sid = `AC${'1'.repeat(32)}`;

test('AccountSid and state are appended to an Authorize URL without a query', () => {
  assert.equal(buildRedirectUrl('https://app.example.com/twilio/authorize', { AccountSid: sid, state: 'xyz' }), `https://app.example.com/twilio/authorize?AccountSid=${sid}&state=xyz`);
});

test("the Authorize URL's own query is kept exactly as registered", () => {
  assert.equal(buildRedirectUrl('https://app.example.com/cb?tenant=a%20b&x=1', { AccountSid: sid }), `https://app.example.com/cb?tenant=a%20b&x=1&AccountSid=${sid}`);
  assert.equal(buildRedirectUrl('https://app.example.com/cb?', { error: 'unauthorized_client' }), 'https://app.example.com/cb?error=unauthorized_client');
});

test('a fragment stays at the end', () => {
  assert.equal(buildRedirectUrl('https://app.example.com/cb?a=1#done', { AccountSid: sid }), `https://app.example.com/cb?a=1&AccountSid=${sid}#done`);
});

test('state is encoded so it cannot add parameters of its own', () => {
  assert.equal(buildRedirectUrl('https://app.example.com/cb', { error: 'unauthorized_client', state: 'a&AccountSid=AC0 #x' }), 'https://app.example.com/cb?error=unauthorized_client&state=a%26AccountSid%3DAC0+%23x');
});

test('a state that was not sent is left out', () => {
  assert.equal(buildRedirectUrl('https://app.example.com/cb', { AccountSid: sid, state: undefined }), `https://app.example.com/cb?AccountSid=${sid}`);
});
