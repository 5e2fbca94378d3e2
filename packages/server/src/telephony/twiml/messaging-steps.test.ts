import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagingActions } from './messaging-steps.ts';
import { parseTwiml, TwimlError } from './parse.ts';

const base = 'https://app.example.com/sms/incoming';

test('each Message is a reply, in order, with its text or Body and Media', () => {
  const doc = parseTwiml('<Response><Message>Thanks!</Message><Message to="+12125550100" statusCallback="/sms/status"><Body>Second</Body><Media>/cat.jpg</Media></Message></Response>');
  assert.deepEqual(messagingActions(doc, base), [
    { kind: 'message', to: null, from: null, body: 'Thanks!', mediaUrls: [], statusCallback: null, action: null },
    { kind: 'message', to: '+12125550100', from: null, body: 'Second', mediaUrls: ['https://app.example.com/cat.jpg'], statusCallback: 'https://app.example.com/sms/status', action: null },
  ]);
});

test('a Redirect ends the document; what follows it never runs', () => {
  const doc = parseTwiml('<Response><Redirect method="GET">next</Redirect><Message>unreachable</Message></Response>');
  assert.deepEqual(messagingActions(doc, base), [{ kind: 'redirect', url: 'https://app.example.com/sms/next', method: 'GET' }]);
});

test('a Message with an action ends the document: the action continues the flow once the reply is sent', () => {
  const doc = parseTwiml('<Response><Message action="/sms/sent" method="GET">First</Message><Message>unreachable</Message></Response>');
  assert.deepEqual(messagingActions(doc, base), [
    { kind: 'message', to: null, from: null, body: 'First', mediaUrls: [], statusCallback: null, action: { url: 'https://app.example.com/sms/sent', method: 'GET' } },
  ]);
});

test('a voice verb in a messaging document is 12100', () => {
  assert.throws(() => messagingActions(parseTwiml('<Response><Say>Hi</Say></Response>'), base), (e: unknown) => e instanceof TwimlError && e.code === 12100);
});
