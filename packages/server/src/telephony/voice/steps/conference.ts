import type { TwimlElement } from '../../twiml/parse.ts';
import type { PendingFetch } from '../conversation.ts';
import { absoluteUrl, actionOf } from './urls.ts';

const CONFERENCE_EVENTS = ['start', 'end', 'join', 'leave', 'mute', 'hold'];
const MAX_PARTICIPANTS = 250;

export interface ConferenceSettings {
  name: string;
  muted: boolean;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  beep: boolean;
  /** `record="record-from-start"`. */
  record: boolean;
  maxParticipants: number;
  label: string | null;
  waitUrl: { url: string; method: 'GET' | 'POST' } | null;
  statusCallback: { url: string; method: 'GET' | 'POST'; events: string } | null;
  /** The `<Dial>`'s action, called when the caller leaves the room. */
  action: PendingFetch | null;
}

const method = (value: string | undefined): 'GET' | 'POST' => (value?.toUpperCase() === 'GET' ? 'GET' : 'POST');

/**
 * What a `<Dial><Conference>` asks for, with Twilio's defaults: everyone starts the conference on
 * entering, nobody ends it on leaving, a beep, and `start end` callbacks when a statusCallback is given.
 */
export function readConference(dial: TwimlElement, noun: TwimlElement, documentUrl: string | null): ConferenceSettings {
  const a = noun.attributes;
  const max = Number(a.maxParticipants ?? MAX_PARTICIPANTS);
  const events = (a.statusCallbackEvent ?? 'start end').split(/[\s,]+/).filter((e) => CONFERENCE_EVENTS.includes(e));
  const statusUrl = absoluteUrl(a.statusCallback, documentUrl);
  const waitUrl = absoluteUrl(a.waitUrl, documentUrl);
  return {
    name: noun.text,
    muted: a.muted === 'true',
    startConferenceOnEnter: a.startConferenceOnEnter !== 'false',
    endConferenceOnExit: a.endConferenceOnExit === 'true',
    beep: a.beep !== 'false',
    record: a.record === 'record-from-start',
    maxParticipants: Number.isInteger(max) && max >= 2 && max <= MAX_PARTICIPANTS ? max : MAX_PARTICIPANTS,
    label: a.participantLabel ?? null,
    waitUrl: waitUrl ? { url: waitUrl, method: method(a.waitMethod) } : null,
    statusCallback: statusUrl ? { url: statusUrl, method: method(a.statusCallbackMethod), events: events.join(' ') } : null,
    action: actionOf(dial, documentUrl, {}, false),
  };
}
