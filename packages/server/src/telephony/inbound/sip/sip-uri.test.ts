import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainNameOf, parseSipUri } from './sip-uri.ts';

test('a SIP URI gives its user and its host, lowercased, without port or parameters', () => {
  assert.deepEqual(parseSipUri('sip:alice@Example.SIP.twilio.com'), { user: 'alice', host: 'example.sip.twilio.com' });
  assert.deepEqual(parseSipUri('sip:+14155550100@example.sip.twilio.com:5061;transport=tls'), { user: '+14155550100', host: 'example.sip.twilio.com' });
  assert.deepEqual(parseSipUri('sips:bob@203.0.113.9'), { user: 'bob', host: '203.0.113.9' });
});

test('what is not a SIP URI gives null', () => {
  for (const value of ['+14155550100', 'client:alice', 'sip:example.sip.twilio.com', 'sip:a b@example.com', 'http://alice@example.com']) {
    assert.equal(parseSipUri(value), null, value);
  }
});

test('a regional edge host names the same domain as the global one', () => {
  assert.equal(domainNameOf('example.sip.us1.twilio.com'), 'example.sip.twilio.com');
  assert.equal(domainNameOf('example.sip.ie1.twilio.com'), 'example.sip.twilio.com');
  assert.equal(domainNameOf('example.sip.twilio.com'), 'example.sip.twilio.com');
  assert.equal(domainNameOf('pbx.example.com'), 'pbx.example.com');
});
