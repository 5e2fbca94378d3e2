import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { enumValue } from '../validate.ts';
import { booleanParam, integerParam, webhookUrl } from './read-settings.ts';

export const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;
export const RECORDING_EVENTS = ['in-progress', 'completed', 'absent'] as const;

/** A list parameter: repeated (twilio-node, twilio-python) or space-separated (Twilio's docs); every value must be allowed. */
export function eventList<T extends string>(form: Params, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = form.get(name);
  if (raw === undefined) return undefined;
  const values = raw.flatMap((v) => v.split(/\s+/)).filter((v) => v !== '');
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(`${name} values must be among ${allowed.join(', ')}; got '${value}'.`);
  }
  return values as T[];
}

/**
 * The call options Switchboard's simulation does not act on, checked all the same: Twilio refuses a
 * bad value, and an app that sends one must learn it here, not in production.
 */
export function checkCallOptions(form: Params): void {
  eventList(form, 'StatusCallbackEvent', CALL_EVENTS);
  eventList(form, 'RecordingStatusCallbackEvent', RECORDING_EVENTS);
  enumValue(form, 'RecordingChannels', ['mono', 'dual'] as const);
  enumValue(form, 'MachineDetection', ['Enable', 'DetectMessageEnd'] as const);
  enumValue(form, 'Trim', ['trim-silence', 'do-not-trim'] as const);
  enumValue(form, 'RecordingTrack', ['inbound', 'outbound', 'both'] as const);
  booleanParam(form, 'AsyncAmd');
  integerParam(form, 'MachineDetectionTimeout', 3, 59);
  integerParam(form, 'MachineDetectionSpeechThreshold', 1000, 6000);
  integerParam(form, 'MachineDetectionSpeechEndThreshold', 500, 5000);
  integerParam(form, 'MachineDetectionSilenceTimeout', 2000, 10000);
  webhookUrl(form, 'ClientNotificationUrl', 21205);
  const digits = one(form, 'SendDigits');
  if (digits !== undefined && !/^[0-9#*wW]{1,32}$/.test(digits)) {
    throw invalidParameter(`SendDigits may hold only digits, #, * and w (a half-second pause), at most 32; got '${digits}'.`);
  }
  const byoc = one(form, 'Byoc');
  if (byoc) throw invalidParameter(`Byoc ${byoc} is not a BYOC trunk of this account: BYOC trunks are not simulated.`);
}
