import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { parseUrlEncoded } from '../../../http/params.ts';
import { parseTwiml } from '../../../telephony/twiml/parse.ts';
import { participantTwiml } from './participant-twiml.ts';

const nounOf = (body: string, room = 'Daily <standup> & co') => parseTwiml(participantTwiml(parseUrlEncoded(body), room)).children[0]!.children[0]!;

test('a participant joins the room by name, with its settings as Conference attributes', () => {
  const noun = nounOf('Muted=true&StartConferenceOnEnter=false&Beep=onEnter&WaitUrl=https%3A%2F%2Fapp.example.com%2Fwait&ConferenceStatusCallback=https%3A%2F%2Fapp.example.com%2Fc&ConferenceStatusCallbackEvent=join&ConferenceStatusCallbackEvent=leave&Label=agent');
  assert.equal(noun.name, 'Conference');
  assert.equal(noun.text, 'Daily <standup> & co');
  assert.deepEqual(noun.attributes, {
    muted: 'true', startConferenceOnEnter: 'false', beep: 'onEnter', waitUrl: 'https://app.example.com/wait', waitMethod: 'POST',
    statusCallback: 'https://app.example.com/c', statusCallbackMethod: 'POST', statusCallbackEvent: 'join leave', participantLabel: 'agent',
  });
});

test('bad settings are refused before anything is written', () => {
  for (const body of ['Muted=maybe', 'Beep=loud', 'MaxParticipants=1', 'WaitUrl=ftp%3A%2F%2Fx', 'ConferenceStatusCallbackEvent=explode']) {
    assert.throws(() => participantTwiml(parseUrlEncoded(body), 'R'), TwilioError, body);
  }
});
