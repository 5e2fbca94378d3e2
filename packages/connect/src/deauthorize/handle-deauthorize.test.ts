import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { ConnectError, type ConnectErrorCode } from '../errors.ts';
import { CONNECT_APP_SID, SUBACCOUNT_SID } from '../../test/sids.ts';
import { handleDeauthorize } from './handle-deauthorize.ts';

const TOKEN = 'owner_auth_token_0123456789abcdef';
const HOOK = 'https://app.example.com/twilio/deauthorize';
const QUERY = `AccountSid=${SUBACCOUNT_SID}&ConnectAppSid=${CONNECT_APP_SID}`;
const FORM = { AccountSid: SUBACCOUNT_SID, ConnectAppSid: CONNECT_APP_SID };
const EXPECTED = { accountSid: SUBACCOUNT_SID, connectAppSid: CONNECT_APP_SID };

// Signed the way Switchboard (and Twilio) sign: twilio-node's own algorithm, not this library's.
const signed = (url: string, params: Record<string, string>, token = TOKEN): string => twilio.getExpectedTwilioSignature(token, url, params);

function get(url: string, signature?: string): Request {
  return new Request(url, { headers: signature === undefined ? {} : { 'X-Twilio-Signature': signature } });
}

function post(url: string, form: Record<string, string>, signature?: string): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (signature !== undefined) headers['X-Twilio-Signature'] = signature;
  return new Request(url, { method: 'POST', headers, body: new URLSearchParams(form) });
}

async function refuses(code: ConnectErrorCode, promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof ConnectError && e.code === code && e.message.length > 40);
}

test('a signed GET callback gives the account and app from its query string', async () => {
  const url = `${HOOK}?${QUERY}`;
  assert.deepEqual(await handleDeauthorize(get(url, signed(url, {})), { authToken: TOKEN }), EXPECTED);
});

test('a signed POST callback gives the account and app from its form body, and leaves the body unread', async () => {
  const request = post(HOOK, FORM, signed(HOOK, FORM));
  assert.deepEqual(await handleDeauthorize(request, { authToken: TOKEN }), EXPECTED);
  assert.equal(await request.text(), new URLSearchParams(FORM).toString());
});

test('a signature over the URL with its default port is accepted', async () => {
  const url = `${HOOK}?${QUERY}`;
  const signature = signed(`https://app.example.com:443/twilio/deauthorize?${QUERY}`, {});
  assert.deepEqual(await handleDeauthorize(get(url, signature), { authToken: TOKEN }), EXPECTED);
});

test('behind a proxy the public url option is what the signature is checked against', async () => {
  const publicUrl = `${HOOK}?${QUERY}`;
  const internal = `http://10.0.0.5:3000/twilio/deauthorize?${QUERY}`;
  await refuses('invalid_signature', handleDeauthorize(get(internal, signed(publicUrl, {})), { authToken: TOKEN }));
  assert.deepEqual(await handleDeauthorize(get(internal, signed(publicUrl, {})), { authToken: TOKEN, url: HOOK }), EXPECTED);
  assert.deepEqual(await handleDeauthorize(post('http://10.0.0.5:3000/twilio/deauthorize', FORM, signed(HOOK, FORM)), { authToken: TOKEN, url: HOOK }), EXPECTED);
});

test('the SIDs returned are the signed ones, even when the url option and the request disagree', async () => {
  const publicUrl = `${HOOK}?${QUERY}`;
  const internal = `http://10.0.0.5:3000/twilio/deauthorize?AccountSid=AC${'1'.repeat(32)}&ConnectAppSid=${CONNECT_APP_SID}`;
  assert.deepEqual(await handleDeauthorize(get(internal, signed(publicUrl, {})), { authToken: TOKEN, url: publicUrl }), EXPECTED);
});

test('a GET whose query was changed after signing is refused', async () => {
  const signature = signed(`${HOOK}?${QUERY}`, {});
  const tampered = `${HOOK}?AccountSid=AC${'1'.repeat(32)}&ConnectAppSid=${CONNECT_APP_SID}`;
  await refuses('invalid_signature', handleDeauthorize(get(tampered, signature), { authToken: TOKEN }));
});

test('a POST whose body was changed after signing, or signed with another token, is refused with 403', async () => {
  const tampered = { ...FORM, AccountSid: `AC${'1'.repeat(32)}` };
  await refuses('invalid_signature', handleDeauthorize(post(HOOK, tampered, signed(HOOK, FORM)), { authToken: TOKEN }));
  await refuses('invalid_signature', handleDeauthorize(post(HOOK, FORM, signed(HOOK, FORM, 'another_token')), { authToken: TOKEN }));
  await refuses('invalid_signature', handleDeauthorize(post(HOOK, FORM, signed(HOOK, {})), { authToken: TOKEN }));
  const error = await handleDeauthorize(post(HOOK, FORM, 'bogus'), { authToken: TOKEN }).catch((e: unknown) => e);
  assert.ok(error instanceof ConnectError && error.status === 403);
});

test('a request without X-Twilio-Signature is refused before its body is read', async () => {
  await refuses('missing_signature', handleDeauthorize(get(`${HOOK}?${QUERY}`), { authToken: TOKEN }));
  const request = post(HOOK, FORM);
  await refuses('missing_signature', handleDeauthorize(request, { authToken: TOKEN }));
  assert.equal(request.bodyUsed, false);
});

test('a signed callback without both SIDs is refused as missing params', async () => {
  const url = `${HOOK}?AccountSid=${SUBACCOUNT_SID}`;
  await refuses('missing_params', handleDeauthorize(get(url, signed(url, {})), { authToken: TOKEN }));
  const form = { ConnectAppSid: CONNECT_APP_SID };
  await refuses('missing_params', handleDeauthorize(post(HOOK, form, signed(HOOK, form)), { authToken: TOKEN }));
  // For POST the SIDs belong in the body; a signed query string does not stand in for it.
  const withQuery = `${HOOK}?${QUERY}`;
  await refuses('missing_params', handleDeauthorize(post(withQuery, {}, signed(withQuery, {})), { authToken: TOKEN }));
});

test('signed but malformed SIDs are refused with the SID\'s own code', async () => {
  const badAccount = { ...FORM, AccountSid: 'AC123' };
  await refuses('invalid_account_sid', handleDeauthorize(post(HOOK, badAccount, signed(HOOK, badAccount)), { authToken: TOKEN }));
  const badApp = { ...FORM, ConnectAppSid: SUBACCOUNT_SID };
  await refuses('invalid_connect_app_sid', handleDeauthorize(post(HOOK, badApp, signed(HOOK, badApp)), { authToken: TOKEN }));
});

test('methods other than GET and POST are refused with 405', async () => {
  const request = new Request(`${HOOK}?${QUERY}`, { method: 'PUT', headers: { 'X-Twilio-Signature': signed(`${HOOK}?${QUERY}`, {}) } });
  const error = await handleDeauthorize(request, { authToken: TOKEN }).catch((e: unknown) => e);
  assert.ok(error instanceof ConnectError && error.code === 'method_not_allowed' && error.status === 405);
});

test('an empty auth token is a programming error, so nothing is accepted', async () => {
  const url = `${HOOK}?${QUERY}`;
  await assert.rejects(handleDeauthorize(get(url, signed(url, {}, '')), { authToken: '' }), TypeError);
});
