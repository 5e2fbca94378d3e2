import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { booleanParam, httpMethod, integerParam, webhookUrl } from '../calls/read-settings.ts';

const CONFERENCE_EVENTS = ['start', 'end', 'join', 'leave', 'mute', 'hold', 'modify', 'speaker', 'announcement'];

const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The TwiML a participant's call runs when answered: `<Dial><Conference>` into the room, with the
 * request's conference settings as the noun's attributes. Every value is checked first.
 */
export function participantTwiml(form: Params, room: string): string {
  const attributes: Record<string, string> = {};
  const flag = (param: string, attribute: string) => {
    const value = booleanParam(form, param);
    if (value !== undefined) attributes[attribute] = String(value);
  };
  flag('Muted', 'muted');
  flag('StartConferenceOnEnter', 'startConferenceOnEnter');
  flag('EndConferenceOnExit', 'endConferenceOnExit');
  const beep = one(form, 'Beep');
  if (beep !== undefined) {
    if (!['true', 'false', 'onEnter', 'onExit'].includes(beep)) throw invalidParameter(`Beep must be true, false, onEnter or onExit; got '${beep}'.`);
    attributes.beep = beep;
  }
  const max = integerParam(form, 'MaxParticipants', 2, 250);
  if (max !== null) attributes.maxParticipants = String(max);
  const waitUrl = webhookUrl(form, 'WaitUrl', 21205);
  if (waitUrl) Object.assign(attributes, { waitUrl, waitMethod: httpMethod(form, 'WaitMethod') ?? 'POST' });
  const statusCallback = webhookUrl(form, 'ConferenceStatusCallback', 21205);
  const events = (form.get('ConferenceStatusCallbackEvent') ?? []).flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== '');
  const unknown = events.find((e) => !CONFERENCE_EVENTS.includes(e));
  if (unknown !== undefined) throw invalidParameter(`ConferenceStatusCallbackEvent '${unknown}' is not one of ${CONFERENCE_EVENTS.join(', ')}.`);
  if (statusCallback) Object.assign(attributes, { statusCallback, statusCallbackMethod: httpMethod(form, 'ConferenceStatusCallbackMethod') ?? 'POST', ...(events.length ? { statusCallbackEvent: events.join(' ') } : {}) });
  const record = one(form, 'ConferenceRecord');
  if (record !== undefined) {
    if (!['true', 'false', 'record-from-start', 'do-not-record'].includes(record)) throw invalidParameter(`ConferenceRecord must be record-from-start or do-not-record; got '${record}'.`);
    attributes.record = record === 'true' || record === 'record-from-start' ? 'record-from-start' : 'do-not-record';
  }
  const label = one(form, 'Label');
  if (label !== undefined) {
    if (label.length > 128) throw invalidParameter('Label must be at most 128 characters long.');
    attributes.participantLabel = label;
  }
  const rendered = Object.entries(attributes).map(([name, value]) => ` ${name}="${escape(value)}"`).join('');
  return `<Response><Dial><Conference${rendered}>${escape(room)}</Conference></Dial></Response>`;
}
