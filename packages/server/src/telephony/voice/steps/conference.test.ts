import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTwiml } from '../../twiml/parse.ts';
import { readConference } from './conference.ts';

const doc = 'https://app.example.com/voice';
const settingsOf = (xml: string) => {
  const dial = parseTwiml(`<Response>${xml}</Response>`).children[0]!;
  return readConference(dial, dial.children[0]!, doc);
};

test('a bare Conference starts on entering, ends with nobody, beeps, and calls nothing back', () => {
  const s = settingsOf('<Dial><Conference>Room 1</Conference></Dial>');
  assert.equal(s.name, 'Room 1');
  assert.deepEqual([s.startConferenceOnEnter, s.endConferenceOnExit, s.muted, s.beep], [true, false, false, true]);
  assert.equal(s.maxParticipants, 250);
  assert.equal(s.statusCallback, null);
  assert.equal(s.waitUrl, null);
  assert.equal(s.action, null);
});

test('attributes resolve against the document; statusCallbackEvent keeps only the events Twilio knows', () => {
  const s = settingsOf(
    '<Dial action="/after" method="GET"><Conference startConferenceOnEnter="false" endConferenceOnExit="true" muted="true" beep="false" maxParticipants="3" waitUrl="/wait" waitMethod="GET" statusCallback="/conf" statusCallbackEvent="start end join leave mute hold speaker">R</Conference></Dial>',
  );
  assert.deepEqual([s.startConferenceOnEnter, s.endConferenceOnExit, s.muted, s.beep, s.maxParticipants], [false, true, true, false, 3]);
  assert.deepEqual(s.waitUrl, { url: 'https://app.example.com/wait', method: 'GET' });
  assert.deepEqual(s.statusCallback, { url: 'https://app.example.com/conf', method: 'POST', events: 'start end join leave mute hold' });
  assert.deepEqual(s.action, { url: 'https://app.example.com/after', method: 'GET', params: {} });
});

test('a maxParticipants out of range falls back to 250', () => {
  assert.equal(settingsOf('<Dial><Conference maxParticipants="1">R</Conference></Dial>').maxParticipants, 250);
  assert.equal(settingsOf('<Dial><Conference maxParticipants="x">R</Conference></Dial>').maxParticipants, 250);
});

test('in inline TwiML (no document) a relative waitUrl or statusCallback is dropped, an absolute one kept', () => {
  const dial = parseTwiml('<Response><Dial><Conference waitUrl="/wait" statusCallback="https://app.example.com/c">R</Conference></Dial></Response>').children[0]!;
  const s = readConference(dial, dial.children[0]!, null);
  assert.equal(s.waitUrl, null);
  assert.equal(s.statusCallback!.url, 'https://app.example.com/c');
});
