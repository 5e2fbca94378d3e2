import type { Kysely } from 'kysely';
import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { findApplication } from '../../../storage/repositories/applications.ts';
import type { NumberSettings } from '../../../storage/repositories/incoming-phone-numbers.ts';
import type { Database } from '../../../storage/schema.ts';
import { isSid } from '../../../util/sid.ts';
import { readSharedSettings, SHARED_SETTING_PARAMS } from '../applications/read-settings.ts';
import { enumValue } from '../validate.ts';

/** Twilio's codes for an Application SID that is not the account's: on a new number, and on an existing one. */
export const APPLICATION_NOT_ACCESSIBLE = 21420;
export const INVALID_APPLICATION_SID = 22108;

type SidField = 'trunk_sid' | 'identity_sid' | 'address_sid' | 'emergency_address_sid' | 'bundle_sid';

/** SIDs of resources Switchboard does not model: kept as given once their format is right. */
const OTHER_SIDS: Array<[string, SidField, string]> = [
  ['TrunkSid', 'trunk_sid', 'TK'],
  ['IdentitySid', 'identity_sid', 'RI'],
  ['AddressSid', 'address_sid', 'AD'],
  ['EmergencyAddressSid', 'emergency_address_sid', 'AD'],
  ['BundleSid', 'bundle_sid', 'BU'],
];

export const NUMBER_SETTING_PARAMS = [
  ...SHARED_SETTING_PARAMS,
  'VoiceApplicationSid',
  'SmsApplicationSid',
  'EmergencyStatus',
  'VoiceReceiveMode',
  ...OTHER_SIDS.map(([param]) => param),
];

/** An empty value clears a SID. */
const sidValue = (form: Params, name: string): string | null | undefined => {
  const value = one(form, name);
  return value === undefined ? undefined : value === '' ? null : value;
};

/** The number settings a form names, validated in form alone; Application SIDs are checked against the database later. */
export function readNumberSettings(form: Params): Partial<NumberSettings> {
  const settings: Partial<NumberSettings> = readSharedSettings(form);
  for (const [param, field, prefix] of OTHER_SIDS) {
    const value = sidValue(form, param);
    if (value && !isSid(prefix, value)) throw invalidParameter(`${param} '${value}' is not a ${prefix} SID.`);
    if (value !== undefined) settings[field] = value;
  }
  const voiceApp = sidValue(form, 'VoiceApplicationSid');
  const smsApp = sidValue(form, 'SmsApplicationSid');
  if (voiceApp !== undefined) settings.voice_application_sid = voiceApp;
  if (smsApp !== undefined) settings.sms_application_sid = smsApp;
  const emergencyStatus = enumValue(form, 'EmergencyStatus', ['Active', 'Inactive'] as const);
  if (emergencyStatus) settings.emergency_status = emergencyStatus;
  const receiveMode = enumValue(form, 'VoiceReceiveMode', ['voice', 'fax'] as const);
  if (receiveMode) settings.voice_receive_mode = receiveMode;
  if (settings.voice_application_sid && settings.trunk_sid) {
    throw invalidParameter('Give VoiceApplicationSid or TrunkSid, not both: calls go to one of them.');
  }
  return settings;
}

/** Applies changes; as in Twilio, setting a voice Application removes the trunk and setting a trunk removes the Application. */
export function applyNumberSettings(current: NumberSettings, changes: Partial<NumberSettings>): NumberSettings {
  const next = { ...current, ...changes };
  if (changes.voice_application_sid) next.trunk_sid = null;
  if (changes.trunk_sid) next.voice_application_sid = null;
  return next;
}

/** Each Application SID set must name an Application of the account that will own the number. */
export async function checkApplications(db: Kysely<Database>, accountSid: string, settings: Partial<NumberSettings>, code: number): Promise<void> {
  for (const [param, sid] of [['VoiceApplicationSid', settings.voice_application_sid], ['SmsApplicationSid', settings.sms_application_sid]] as const) {
    if (!sid) continue;
    const app = isSid('AP', sid) ? await findApplication(db, accountSid, sid) : undefined;
    if (!app) throw TwilioError.validation(code, `${param} ${sid} is not an Application of account ${accountSid}.`);
  }
}
