import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { ConnectError, type ConnectErrorCode } from '../errors.ts';
import { signRaw } from '../../test/jwt.ts';
import { seeded } from '../../test/random.ts';
import { ACCOUNT_SID, APP_SID } from '../../test/sids.ts';
import { ClientCapability } from './client-capability.ts';
import { verifyCapabilityToken } from './verify-capability-token.ts';

const NOW = new Date('2020-01-01T00:00:00Z');
const EXP = 1577840400;
const NODE_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlJTIwc21pdGggc2NvcGU6Y2xpZW50Om91dGdvaW5nP2FwcFNpZD1BUDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAyJmNsaWVudE5hbWU9YWxpY2UlMjBzbWl0aCZhcHBQYXJhbXM9Rm9vJTNEYmFyJTI1MjBiYXolMjZ4JTI1MjZ5JTNEYSUyNTNEYiUyNTJGYyBzY29wZTpzdHJlYW06c3Vic2NyaWJlP3BhdGg9LzIwMTAtMDQtMDEvRXZlbnRzJmFwcFBhcmFtcz1mb28lM0RiYXIiLCJpc3MiOiJBQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxIiwiZXhwIjoxNTc3ODQwNDAwLCJpYXQiOjE1Nzc4MzY4MDB9.oQa5IHEBs7RZHck8dTD29IMSo4MHBsBydpt95JKNIjw';
const PHP_HEADER = '{"typ":"JWT","alg":"HS256"}';
const NODE_HEADER = '{"alg":"HS256","typ":"JWT"}';
const PARAMS = { Foo: 'bar baz', 'x&y': 'a=b/c' };

const payload = (scope: string, extra = ''): string => `{"scope":${JSON.stringify(scope)},"iss":"${ACCOUNT_SID}","exp":${EXP}${extra}}`;
const token = (scope: string, extra = ''): string => signRaw(NODE_HEADER, payload(scope, extra), 'secret_token');

function refuses(code: ConnectErrorCode, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof ConnectError && e.code === code && e.message.length > 40);
}

test('twilio-node\'s reference token verifies to its account, expiry and three scopes', () => {
  assert.deepEqual({ ...verifyCapabilityToken(NODE_TOKEN, 'secret_token', { now: NOW }) }, {
    accountSid: ACCOUNT_SID,
    expires: new Date(EXP * 1000),
    incoming: { clientName: 'alice smith' },
    outgoing: { appSid: APP_SID, clientName: 'alice smith', params: PARAMS },
    eventStream: { filters: { foo: 'bar' } },
  });
});

test('a legacy twilio-php token (typ first, no iat, + for space, params, clientName copied) verifies', () => {
  const scope = `scope:client:incoming?clientName=alice scope:client:outgoing?appSid=${APP_SID}&appParams=Foo%3Dbar%2Bbaz%26x%2526y%3Da%253Db%252Fc&clientName=alice scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=foo%3Dbar`;
  const result = verifyCapabilityToken(signRaw(PHP_HEADER, payload(scope), 'secret_token'), 'secret_token', { now: NOW });
  assert.deepEqual(result.incoming, { clientName: 'alice' });
  assert.deepEqual(result.outgoing, { appSid: APP_SID, clientName: 'alice', params: PARAMS });
  assert.deepEqual(result.eventStream, { filters: { foo: 'bar' } });
});

test('twilio-php\'s empty appParams= and params= read as no parameters', () => {
  const scope = `scope:client:outgoing?appSid=${APP_SID}&appParams= scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=`;
  const result = verifyCapabilityToken(signRaw(PHP_HEADER, payload(scope), 'secret_token'), 'secret_token', { now: NOW });
  assert.deepEqual(result.outgoing, { appSid: APP_SID, params: {} });
  assert.deepEqual(result.eventStream, { filters: {} });
});

test('a twilio-python token (alphabetical parameters, nbf) verifies', () => {
  const scope = `scope:client:incoming?clientName=alice+smith scope:client:outgoing?appParams=Foo%3Dbar%2Bbaz%26x%2526y%3Da%253Db%252Fc&appSid=${APP_SID}&clientName=alice+smith scope:stream:subscribe?params=foo%3Dbar&path=%2F2010-04-01%2FEvents`;
  const python = `{"scope":${JSON.stringify(scope)},"iss":"${ACCOUNT_SID}","exp":${EXP},"nbf":1577836800}`;
  const result = verifyCapabilityToken(signRaw(NODE_HEADER, python, 'secret_token'), 'secret_token', { now: NOW });
  assert.deepEqual(result.incoming, { clientName: 'alice smith' });
  assert.deepEqual(result.outgoing, { appSid: APP_SID, clientName: 'alice smith', params: PARAMS });
  assert.deepEqual(result.eventStream, { filters: { foo: 'bar' } });
});

test('a token with an empty scope grants nothing', () => {
  const result = verifyCapabilityToken(token(''), 'secret_token', { now: NOW });
  assert.deepEqual(Object.keys(result).sort(), ['accountSid', 'expires']);
});

test('an altered payload, another auth token or a truncated signature fails the signature check', () => {
  const [header, body, signature = ''] = NODE_TOKEN.split('.');
  const forged = Buffer.from(Buffer.from(body ?? '', 'base64url').toString().replace('alice', 'mallo')).toString('base64url');
  refuses('invalid_signature', () => verifyCapabilityToken(`${header}.${forged}.${signature}`, 'secret_token', { now: NOW }));
  refuses('invalid_signature', () => verifyCapabilityToken(NODE_TOKEN, 'other_token', { now: NOW }));
  refuses('invalid_signature', () => verifyCapabilityToken(`${header}.${body}.${signature.slice(0, -1)}`, 'secret_token', { now: NOW }));
});

test('only HS256 is accepted, so alg none or HS512 is refused before the signature is looked at', () => {
  refuses('unsupported_algorithm', () => verifyCapabilityToken(signRaw('{"alg":"none","typ":"JWT"}', payload(''), 'secret_token'), 'secret_token', { now: NOW }));
  refuses('unsupported_algorithm', () => verifyCapabilityToken(signRaw('{"alg":"HS512"}', payload(''), 'secret_token'), 'secret_token', { now: NOW }));
  refuses('unsupported_algorithm', () => verifyCapabilityToken(signRaw('{"typ":"JWT"}', payload(''), 'secret_token'), 'secret_token', { now: NOW }));
});

test('a token is valid up to the second before exp, then expired; the tolerance extends it', () => {
  assert.ok(verifyCapabilityToken(NODE_TOKEN, 'secret_token', { now: EXP * 1000 - 1 }));
  refuses('expired', () => verifyCapabilityToken(NODE_TOKEN, 'secret_token', { now: EXP * 1000 }));
  refuses('expired', () => verifyCapabilityToken(NODE_TOKEN, 'secret_token'));
  assert.ok(verifyCapabilityToken(NODE_TOKEN, 'secret_token', { now: EXP * 1000, clockTolerance: 5 }));
});

test('a token whose nbf is in the future is not yet valid, unless within the clock tolerance', () => {
  const early = token('', ',"nbf":1577836810');
  refuses('not_yet_valid', () => verifyCapabilityToken(early, 'secret_token', { now: NOW }));
  assert.ok(verifyCapabilityToken(early, 'secret_token', { now: NOW, clockTolerance: 10 }));
  assert.ok(verifyCapabilityToken(early, 'secret_token', { now: new Date('2020-01-01T00:00:10Z') }));
});

test('strings that are not signed JSON objects with iss, exp and scope are malformed', () => {
  for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', 'a..c', 'a.b.c=', `${NODE_TOKEN}.x`]) {
    refuses('malformed_token', () => verifyCapabilityToken(bad, 'secret_token', { now: NOW }));
  }
  refuses('malformed_token', () => verifyCapabilityToken(signRaw('not json', payload(''), 'secret_token'), 'secret_token', { now: NOW }));
  refuses('malformed_token', () => verifyCapabilityToken(signRaw('[1]', payload(''), 'secret_token'), 'secret_token', { now: NOW }));
  for (const claims of ['[]', `{"scope":"","exp":${EXP}}`, `{"scope":"","iss":"${ACCOUNT_SID}"}`, `{"scope":"","iss":"${ACCOUNT_SID}","exp":"${EXP}"}`, `{"iss":"${ACCOUNT_SID}","exp":${EXP}}`, `{"scope":"","iss":"${ACCOUNT_SID}","exp":${EXP},"nbf":"soon"}`]) {
    refuses('malformed_token', () => verifyCapabilityToken(signRaw(NODE_HEADER, claims, 'secret_token'), 'secret_token', { now: NOW }));
  }
});

test('scopes that are unknown, incomplete, repeated or badly escaped are refused', () => {
  const bad = [
    'client:incoming?clientName=a',
    'scope:client:incoming',
    'scope:client:incoming?clientName=',
    'scope:client:incoming?clientName=%E9',
    'scope:client:incoming?clientName=a scope:client:incoming?clientName=b',
    'scope:client:outgoing?clientName=a',
    `scope:client:outgoing?appSid=${APP_SID}&appSid=AP1`,
    `scope:client:outgoing?appSid=${APP_SID}&appParams=a%3D%25zz`,
    'scope:stream:subscribe?path=/2010-04-01/Calls',
    'scope:stream:subscribe?path=/2010-04-01/Events&params=a%3D1&appParams=b%3D2',
    'scope:client:dance?x=1',
  ];
  for (const scope of bad) refuses('invalid_scope', () => verifyCapabilityToken(token(scope), 'secret_token', { now: NOW }));
});

test('an empty auth token is a programming error, not a verification result', () => {
  assert.throws(() => verifyCapabilityToken(NODE_TOKEN, ''), TypeError);
});

test('tokens from twilio-node and from ClientCapability on 300 generated inputs verify back to those inputs', () => {
  const r = seeded(7);
  const { ClientCapability: TwilioCapability } = twilio.jwt;
  for (let i = 0; i < 300; i++) {
    const authToken = r.text(1, 32);
    const clientName = r.text(1, 10);
    const params = Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.text(1, 6), r.text(0, 10)]));
    const filters = Object.fromEntries(Array.from({ length: 1 + r.int(3) }, () => [r.text(1, 6), r.text(0, 10)]));
    const theirs = new TwilioCapability({ accountSid: ACCOUNT_SID, authToken, ttl: 60 });
    theirs.addScope(new TwilioCapability.IncomingClientScope(clientName));
    theirs.addScope(new TwilioCapability.OutgoingClientScope({ applicationSid: APP_SID, clientName, params }));
    theirs.addScope(new TwilioCapability.EventStreamScope(filters));
    const ours = new ClientCapability(ACCOUNT_SID, authToken).allowClientIncoming(clientName).allowClientOutgoing({ applicationSid: APP_SID, clientName, params }).allowEventStream(filters);
    for (const jwt of [theirs.toJwt(), ours.toJwt(60)]) {
      const result = verifyCapabilityToken(jwt, authToken);
      assert.deepEqual(result.incoming, { clientName });
      assert.deepEqual(result.outgoing, { appSid: APP_SID, clientName, params });
      assert.deepEqual(result.eventStream, { filters });
      assert.ok(result.expires.getTime() > Date.now() + 50_000, `case ${i}`);
    }
  }
});
