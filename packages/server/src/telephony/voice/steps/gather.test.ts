import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTwiml } from '../../twiml/parse.ts';
import { newConversation } from '../conversation.ts';
import { finishGather, startGather, takeInput } from './gather.ts';

const doc = 'https://app.example.com/voice';
const gatherOf = (xml: string) => startGather(parseTwiml(`<Response>${xml}</Response>`).children[0]!, doc, 0);

test('a Gather listens after its prompts for its timeout, and posts to its action, or the document', () => {
  const { promptsMs, gather } = gatherOf('<Gather numDigits="1" timeout="3"><Say>Press 1 for sales</Say></Gather>');
  assert.equal(promptsMs, 2100);
  assert.equal(gather.until, 5100);
  assert.deepEqual(gather.action, { url: doc, method: 'POST', params: {} });
  assert.equal(gatherOf('<Gather action="/menu" method="GET"/>').gather.action!.url, 'https://app.example.com/menu');
});

test('the scripted digits stop at finishOnKey and numDigits, and go to the action as Digits', () => {
  const conversation = newConversation(0, { twiml: '' }, null, { digits: ['1234#9', '56789'] });
  const { gather } = gatherOf('<Gather action="/a"/>');
  assert.deepEqual(takeInput(gather, conversation), { digits: '1234' });
  const two = gatherOf('<Gather numDigits="2" action="/a"/>').gather;
  const input = takeInput(two, conversation);
  assert.deepEqual(input, { digits: '56' });
  assert.deepEqual(finishGather(two, input)!.params, { Digits: '56' });
  assert.equal(takeInput(two, conversation), null);
});

test('no input falls through to the next verb, unless actionOnEmptyResult', () => {
  assert.equal(finishGather(gatherOf('<Gather action="/a"/>').gather, null), null);
  assert.equal(finishGather(gatherOf('<Gather action="/a"/>').gather, { digits: '' }), null);
  assert.deepEqual(finishGather(gatherOf('<Gather action="/a" actionOnEmptyResult="true"/>').gather, null)!.params, {});
});

test('speech is accepted only when asked for', () => {
  const conversation = newConversation(0, { twiml: '' }, null, { speech: ['sales please'] });
  assert.equal(takeInput(gatherOf('<Gather/>').gather, conversation), null);
  const speech = gatherOf('<Gather input="speech dtmf"/>').gather;
  const input = takeInput(speech, conversation);
  assert.deepEqual(finishGather(speech, input)!.params, { SpeechResult: 'sales please', Confidence: '0.9' });
});
