import assert from 'node:assert/strict';
import { test } from 'node:test';
import twilio from 'twilio';
import { twilioSignature } from './sign.ts';

const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

test("signs Twilio's documented example to its documented signature", () => {
  assert.equal(twilioSignature('12345', url, params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
});

test('a signature twilio-node validates for a POST and not for another token', () => {
  const signature = twilioSignature('f'.repeat(32), 'http://127.0.0.1:9/deauthorize', { ConnectAppSid: 'CN1', AccountSid: 'AC1' });
  assert.equal(twilio.validateRequest('f'.repeat(32), signature, 'http://127.0.0.1:9/deauthorize', { AccountSid: 'AC1', ConnectAppSid: 'CN1' }), true);
  assert.equal(twilio.validateRequest('e'.repeat(32), signature, 'http://127.0.0.1:9/deauthorize', { AccountSid: 'AC1', ConnectAppSid: 'CN1' }), false);
});

test('a GET signature covers the query, so a changed parameter fails validation', () => {
  const signed = 'http://127.0.0.1:9/deauthorize?x=1&AccountSid=AC1&ConnectAppSid=CN1';
  const signature = twilioSignature('a'.repeat(32), signed);
  assert.equal(twilio.validateRequest('a'.repeat(32), signature, signed, {}), true);
  assert.equal(twilio.validateRequest('a'.repeat(32), signature, signed.replace('AC1', 'AC2'), {}), false);
});

test('repeated values are signed sorted, whatever order they came in', () => {
  assert.equal(
    twilioSignature('k', 'https://e.com/', { M: ['b', 'a'] }),
    twilioSignature('k', 'https://e.com/', { M: ['a', 'b'] }),
  );
});
