import { test } from 'node:test';
import assert from 'node:assert/strict';
import querystring from 'node:querystring';
import twilio from 'twilio';
import { seeded, type Random } from '../../test/random.ts';
import { randomParams, randomUrl } from '../../test/urls.ts';
import { getExpectedBodyHash, getExpectedTwilioSignature } from './expected-signature.ts';
import { validateRequest, validateRequestWithBody } from './validate-request.ts';

const KNOWN_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const KNOWN_PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const KNOWN_SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

// twilio-node throws on a URL `new URL()` refuses; this library answers false.
const twilioValidates = (...args: Parameters<typeof twilio.validateRequest>): boolean => {
  try {
    return twilio.validateRequest(...args);
  } catch {
    return false;
  }
};

test('the documented vector validates, and any change to a parameter or the URL does not', () => {
  assert.equal(validateRequest('12345', KNOWN_SIGNATURE, KNOWN_URL, KNOWN_PARAMS), true);
  assert.equal(validateRequest('12345', KNOWN_SIGNATURE, KNOWN_URL, { ...KNOWN_PARAMS, Digits: '1235' }), false);
  assert.equal(validateRequest('12345', KNOWN_SIGNATURE, KNOWN_URL.replace('foo=1', 'foo=2'), KNOWN_PARAMS), false);
  assert.equal(validateRequest('54321', KNOWN_SIGNATURE, KNOWN_URL, KNOWN_PARAMS), false);
});

test('a signature over the URL without the default port validates the URL with it, and the reverse', () => {
  assert.equal(validateRequest('12345', KNOWN_SIGNATURE, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', KNOWN_PARAMS), true);
  const withPort = getExpectedTwilioSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', KNOWN_PARAMS);
  assert.equal(validateRequest('12345', withPort, KNOWN_URL, KNOWN_PARAMS), true);
});

test('a raw apostrophe validates against a signature over its escaped form', () => {
  const signature = getExpectedTwilioSignature('token', "https://example.com/hook?name=it%27s", {});
  assert.equal(validateRequest('token', signature, "https://example.com/hook?name=it's", {}), true);
});

test('a query signed in the legacy querystring encoding validates', () => {
  const signature = getExpectedTwilioSignature('token', 'https://example.com/hook?a=~&b=x%20y', {});
  assert.equal(validateRequest('token', signature, 'https://example.com/hook?a=%7e&b=x+y', {}), true);
});

test('a missing or empty signature is refused', () => {
  assert.equal(validateRequest('12345', undefined, KNOWN_URL, KNOWN_PARAMS), false);
  assert.equal(validateRequest('12345', null, KNOWN_URL, KNOWN_PARAMS), false);
  assert.equal(validateRequest('12345', '', KNOWN_URL, KNOWN_PARAMS), false);
});

test('an empty auth token validates nothing, even a signature made with the empty key', () => {
  const signature = getExpectedTwilioSignature('', KNOWN_URL, KNOWN_PARAMS);
  assert.equal(validateRequest('', signature, KNOWN_URL, KNOWN_PARAMS), false);
  assert.equal(twilio.validateRequest('', signature, KNOWN_URL, KNOWN_PARAMS), true);
});

test('an unparseable URL gives false where twilio-node throws', () => {
  assert.equal(validateRequest('12345', 'x', 'not a url', {}), false);
  assert.throws(() => twilio.validateRequest('12345', 'x', 'not a url', {}));
});

// The URL forms a sender might have signed for the URL the receiver sees.
function signedForm(r: Random, url: string): string {
  const forms = [url, url.replace(/^(\w+:\/\/[^/?#]*?)(:\d+)?(?=[/?#]|$)/, (_, host: string) => host + r.pick([':443', ':80', ''])), url + 'x'];
  try {
    const normalized = new URL(url).toString();
    const q = normalized.indexOf('?');
    forms.push(normalized, q === -1 ? normalized : normalized.slice(0, q + 1) + querystring.stringify(querystring.parse(normalized.slice(q + 1))));
  } catch {
    // Only the raw forms exist for a URL new URL() refuses.
  }
  return r.pick(forms);
}

test('validation agrees with twilio-node on 2000 generated requests, valid and tampered', () => {
  const r = seeded(4);
  let accepted = 0;
  for (let i = 0; i < 2000; i++) {
    const token = r.text(1, 32);
    const url = randomUrl(r);
    const params = randomParams(r);
    let signature = twilio.getExpectedTwilioSignature(token, signedForm(r, url), params);
    if (r.chance(0.15)) signature = signature.slice(1) + 'A';
    const seen = r.chance(0.1) ? { ...params, Extra: 'x' } : params;
    const expected = twilioValidates(token, signature, url, seen);
    assert.equal(validateRequest(token, signature, url, seen), expected, `case ${i}: ${url}`);
    if (expected) accepted++;
  }
  // Both outcomes must be exercised for the agreement to mean anything.
  assert.ok(accepted > 800 && accepted < 1900, `accepted ${accepted}`);
});

test('JSON-body requests validate against twilio-node, and a changed body fails the bodySHA256 check', () => {
  const r = seeded(5);
  for (let i = 0; i < 300; i++) {
    const token = r.text(1, 32);
    const body = JSON.stringify({ event: r.text(0, 20), n: r.int(100) });
    const url = `https://example.com${r.pick(['', ':443'])}/events?x=${encodeURIComponent(r.text(0, 5))}&bodySHA256=${getExpectedBodyHash(body)}`;
    const signature = twilio.getExpectedTwilioSignature(token, url, {});
    assert.equal(validateRequestWithBody(token, signature, url, body), true);
    assert.equal(twilio.validateRequestWithBody(token, signature, url, body), true);
    assert.equal(validateRequestWithBody(token, signature, url, body + ' '), false);
    assert.equal(validateRequestWithBody(token, signature.toLowerCase(), url, body), twilio.validateRequestWithBody(token, signature.toLowerCase(), url, body));
  }
});

test('a URL without bodySHA256 fails body validation', () => {
  const url = 'https://example.com/events';
  assert.equal(validateRequestWithBody('token', getExpectedTwilioSignature('token', url, {}), url, '{}'), false);
});
