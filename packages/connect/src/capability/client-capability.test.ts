import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { seeded, type Random } from '../../test/random.ts';
import { ACCOUNT_SID, APP_SID } from '../../test/sids.ts';
import { ClientCapability } from './client-capability.ts';

const { ClientCapability: TwilioCapability } = twilio.jwt;
const NEW_YEAR_2020 = Date.UTC(2020, 0, 1);

// Both libraries read Date.now(), so one mocked clock serves both.
function fixClock(t: TestContext, now: number): void {
  t.mock.timers.enable({ apis: ['Date'], now });
}

const decode = (segment: string): string => Buffer.from(segment, 'base64url').toString('utf8');

test('the reference example is byte-identical to the token in twilio-clients.md', (t) => {
  fixClock(t, NEW_YEAR_2020);
  const capability = new ClientCapability({ accountSid: ACCOUNT_SID, authToken: 'secret_token' })
    .allowClientIncoming('alice smith')
    .allowClientOutgoing({ applicationSid: APP_SID, clientName: 'alice smith', params: { Foo: 'bar baz', 'x&y': 'a=b/c' } })
    .allowEventStream({ foo: 'bar' });
  assert.equal(
    capability.toJwt(),
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlJTIwc21pdGggc2NvcGU6Y2xpZW50Om91dGdvaW5nP2FwcFNpZD1BUDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAyJmNsaWVudE5hbWU9YWxpY2UlMjBzbWl0aCZhcHBQYXJhbXM9Rm9vJTNEYmFyJTI1MjBiYXolMjZ4JTI1MjZ5JTNEYSUyNTNEYiUyNTJGYyBzY29wZTpzdHJlYW06c3Vic2NyaWJlP3BhdGg9LzIwMTAtMDQtMDEvRXZlbnRzJmFwcFBhcmFtcz1mb28lM0RiYXIiLCJpc3MiOiJBQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxIiwiZXhwIjoxNTc3ODQwNDAwLCJpYXQiOjE1Nzc4MzY4MDB9.oQa5IHEBs7RZHck8dTD29IMSo4MHBsBydpt95JKNIjw',
  );
});

test('the minimal outgoing token has the documented payload, exp = now + ttl', (t) => {
  fixClock(t, NEW_YEAR_2020);
  const [header = '', payload = ''] = new ClientCapability(ACCOUNT_SID, 'secret_token').allowClientOutgoing(APP_SID).toJwt(600).split('.');
  assert.equal(decode(header), '{"alg":"HS256","typ":"JWT"}');
  assert.equal(decode(payload), `{"scope":"scope:client:outgoing?appSid=${APP_SID}","iss":"${ACCOUNT_SID}","exp":1577837400,"iat":1577836800}`);
});

test('the ttl defaults to 3600 seconds, or the constructor\'s ttl', (t) => {
  fixClock(t, NEW_YEAR_2020);
  const exp = (token: string) => JSON.parse(decode(token.split('.')[1] ?? '')).exp;
  assert.equal(exp(new ClientCapability(ACCOUNT_SID, 'k').toJwt()), 1577836800 + 3600);
  assert.equal(exp(new ClientCapability({ accountSid: ACCOUNT_SID, authToken: 'k', ttl: 60 }).toJwt()), 1577836800 + 60);
});

test('missing credentials, an empty client name or app SID, and a non-positive ttl are refused', () => {
  assert.throws(() => new ClientCapability('', 'k'), TypeError);
  assert.throws(() => new ClientCapability(ACCOUNT_SID, ''), TypeError);
  assert.throws(() => new ClientCapability(ACCOUNT_SID, 'k').allowClientIncoming(''), TypeError);
  assert.throws(() => new ClientCapability(ACCOUNT_SID, 'k').allowClientOutgoing(''), TypeError);
  assert.throws(() => new ClientCapability(ACCOUNT_SID, 'k').toJwt(0), RangeError);
  assert.throws(() => new ClientCapability(ACCOUNT_SID, 'k').toJwt(1.5), RangeError);
});

function randomScopeParams(r: Random): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (let i = r.int(4); i > 0; i--) params[r.text(1, 6)] = r.chance(0.2) ? r.int(100) : r.text(0, 10);
  return params;
}

test('tokens are byte-identical to twilio-node\'s ClientCapability on 500 generated scope sets and clocks', (t) => {
  const r = seeded(6);
  for (let i = 0; i < 500; i++) {
    t.mock.timers.reset();
    const now = NEW_YEAR_2020 + r.int(2 ** 31) * 1000 + r.int(1000);
    fixClock(t, now);
    const accountSid = r.chance(0.8) ? ACCOUNT_SID : `AC${r.text(1, 8)}`;
    const authToken = r.text(1, 32);
    const ttl = r.chance(0.5) ? undefined : 1 + r.int(86400);
    const ours = new ClientCapability(ttl === undefined ? { accountSid, authToken } : { accountSid, authToken, ttl });
    const theirs = new TwilioCapability(ttl === undefined ? { accountSid, authToken } : { accountSid, authToken, ttl });
    for (let s = r.int(4); s > 0; s--) {
      const kind = r.int(4);
      if (kind === 0) {
        const name = r.text(1, 10);
        ours.allowClientIncoming(name);
        theirs.addScope(new TwilioCapability.IncomingClientScope(name));
      } else if (kind === 1) {
        const params = r.chance(0.7) ? randomScopeParams(r) : undefined;
        ours.allowClientOutgoing(APP_SID, params);
        theirs.addScope(new TwilioCapability.OutgoingClientScope({ applicationSid: APP_SID, ...(params ? { params } : {}) }));
      } else if (kind === 2) {
        const options = { applicationSid: `AP${r.text(1, 8)}`, clientName: r.text(1, 10), params: randomScopeParams(r) };
        ours.allowClientOutgoing(options);
        theirs.addScope(new TwilioCapability.OutgoingClientScope(options));
      } else {
        const filters = r.chance(0.5) ? randomScopeParams(r) : undefined;
        ours.allowEventStream(filters);
        theirs.addScope(new TwilioCapability.EventStreamScope(filters));
      }
    }
    const token = ours.toJwt();
    assert.equal(token, theirs.toJwt(), `case ${i}`);
    // The fixed clock, not the real one, made the token: otherwise equality would prove little.
    assert.equal(JSON.parse(decode(token.split('.')[1] ?? '')).iat, Math.floor(now / 1000));
  }
});
