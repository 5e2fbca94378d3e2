import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectError, type ConnectErrorCode } from '../errors.ts';
import { SUBACCOUNT_SID } from '../../test/sids.ts';
import { createState } from './create-state.ts';
import { parseAuthorizeCallback } from './parse-authorize-callback.ts';

const STATE = createState();
const CALLBACK = `https://app.example.com/twilio/authorize?AccountSid=${SUBACCOUNT_SID}&state=${STATE}`;

function refuses(code: ConnectErrorCode, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof ConnectError && e.code === code && e.message.length > 40);
}

test('an authorized callback gives the Connect subaccount SID, from any form of the URL', () => {
  const sources = [CALLBACK, new URL(CALLBACK), new Request(CALLBACK), new URL(CALLBACK).searchParams, `/twilio/authorize?AccountSid=${SUBACCOUNT_SID}&state=${STATE}#x`, `AccountSid=${SUBACCOUNT_SID}&state=${STATE}`];
  for (const source of sources) assert.deepEqual(parseAuthorizeCallback(source, { expectedState: STATE }), { accountSid: SUBACCOUNT_SID });
});

test('upper-case hex in the AccountSid is accepted as given', () => {
  const upper = `AC${SUBACCOUNT_SID.slice(2).toUpperCase()}`;
  assert.deepEqual(parseAuthorizeCallback(`?AccountSid=${upper}`, { expectedState: null }), { accountSid: upper });
});

test('a denied authorization (error=unauthorized_client) is a denied error', () => {
  refuses('denied', () => parseAuthorizeCallback(`https://app.example.com/cb?error=unauthorized_client&state=${STATE}`, { expectedState: STATE }));
  refuses('denied', () => parseAuthorizeCallback('https://app.example.com/cb?error=unauthorized_client', { expectedState: null }));
});

test('a wrong, missing, repeated or unexpected-empty state is a state mismatch, checked before anything else', () => {
  refuses('state_mismatch', () => parseAuthorizeCallback(CALLBACK, { expectedState: createState() }));
  refuses('state_mismatch', () => parseAuthorizeCallback(`?AccountSid=${SUBACCOUNT_SID}`, { expectedState: STATE }));
  refuses('state_mismatch', () => parseAuthorizeCallback(`${CALLBACK}&state=${STATE}`, { expectedState: STATE }));
  refuses('state_mismatch', () => parseAuthorizeCallback(`?AccountSid=${SUBACCOUNT_SID}&state=`, { expectedState: '' }));
  refuses('state_mismatch', () => parseAuthorizeCallback('?error=unauthorized_client&state=forged', { expectedState: STATE }));
});

test('a state differing only in its last character is refused', () => {
  const near = STATE.slice(0, -1) + (STATE.endsWith('A') ? 'B' : 'A');
  refuses('state_mismatch', () => parseAuthorizeCallback(`?AccountSid=${SUBACCOUNT_SID}&state=${near}`, { expectedState: STATE }));
});

test('a missing, repeated or malformed AccountSid is an invalid_account_sid error', () => {
  for (const query of [`state=${STATE}`, `AccountSid=&state=${STATE}`, `AccountSid=AC123&state=${STATE}`, `AccountSid=${SUBACCOUNT_SID}x&state=${STATE}`, `AccountSid=CN${SUBACCOUNT_SID.slice(2)}&state=${STATE}`, `AccountSid=ac${SUBACCOUNT_SID.slice(2)}&state=${STATE}`, `AccountSid=${SUBACCOUNT_SID}&AccountSid=${SUBACCOUNT_SID}&state=${STATE}`, `AccountSid=${SUBACCOUNT_SID.slice(0, -1)}g&state=${STATE}`]) {
    refuses('invalid_account_sid', () => parseAuthorizeCallback(query, { expectedState: STATE }));
  }
});
