import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTwiml, TwimlError } from './parse.ts';

test('verbs come out in document order with their attributes, text and children; comments are ignored', () => {
  const doc = parseTwiml('<?xml version="1.0" encoding="UTF-8"?><Response><!-- greet --><Say voice="alice">Hi &amp; welcome</Say><Gather numDigits="1"><Say>Press 1</Say></Gather><Pause length="2"/></Response>');
  assert.deepEqual(doc.children.map((v) => v.name), ['Say', 'Gather', 'Pause']);
  assert.deepEqual(doc.children[0], { name: 'Say', attributes: { voice: 'alice' }, text: 'Hi & welcome', children: [] });
  assert.equal(doc.children[1]!.children[0]!.text, 'Press 1');
  assert.equal(doc.children[2]!.attributes.length, '2');
});

test('an empty Response is a document with nothing to do', () => {
  assert.deepEqual(parseTwiml('<Response/>').children, []);
});

test('XML that is not well-formed, and a root other than Response, are 12100', () => {
  for (const bad of ['<Response><Say>Hi</Response>', 'Thanks!', '<Reply><Message>Hi</Message></Reply>', '']) {
    assert.throws(() => parseTwiml(bad), (e: unknown) => e instanceof TwimlError && e.code === 12100, bad);
  }
});
