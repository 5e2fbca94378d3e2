import type { Kysely } from 'kysely';
import { invalidParameter } from '../../../../errors/twilio-error.ts';
import { one, type Params } from '../../../../http/params.ts';
import type { DomainSettings } from '../../../../storage/repositories/sip/domains.ts';
import type { Database } from '../../../../storage/schema.ts';
import { isSid } from '../../../../util/sid.ts';
import { booleanParam, handlerMethod, handlerUrl } from '../../applications/read-settings.ts';
import { friendlyName } from '../../validate.ts';

export const DOMAIN_PARAMS = [
  'DomainName', 'FriendlyName', 'VoiceUrl', 'VoiceMethod', 'VoiceFallbackUrl', 'VoiceFallbackMethod', 'VoiceStatusCallbackUrl',
  'VoiceStatusCallbackMethod', 'SipRegistration', 'EmergencyCallingEnabled', 'Secure', 'ByocTrunkSid', 'EmergencyCallerSid',
];

// One DNS label before Twilio's suffix: letters, digits and inner hyphens, as a hostname allows.
const DOMAIN_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.sip\.twilio\.com$/;

/** A domain name, lowercased (DNS names ignore case, so two spellings are one name). */
export function readDomainName(form: Params, required: boolean): string | undefined {
  const raw = one(form, 'DomainName');
  if (raw === undefined || raw === '') {
    if (required) throw invalidParameter('DomainName is required: a name ending in .sip.twilio.com, such as example.sip.twilio.com.');
    return undefined;
  }
  const name = raw.toLowerCase();
  if (!DOMAIN_NAME.test(name)) {
    throw invalidParameter(`DomainName '${raw}' is not valid: use one label of letters, digits and '-' followed by .sip.twilio.com, such as example.sip.twilio.com.`);
  }
  return name;
}

const URLS = [['VoiceUrl', 'voice_url'], ['VoiceFallbackUrl', 'voice_fallback_url'], ['VoiceStatusCallbackUrl', 'voice_status_callback_url']] as const;
const METHODS = [['VoiceMethod', 'voice_method'], ['VoiceFallbackMethod', 'voice_fallback_method'], ['VoiceStatusCallbackMethod', 'voice_status_callback_method']] as const;
const FLAGS = [['SipRegistration', 'sip_registration'], ['EmergencyCallingEnabled', 'emergency_calling_enabled'], ['Secure', 'secure']] as const;

function optionalSid(form: Params, name: string, prefix: string): string | null | undefined {
  const value = one(form, name);
  if (value === undefined) return undefined;
  if (value === '') return null;
  if (!isSid(prefix, value)) throw invalidParameter(`${name} '${value}' is not a ${prefix} SID.`);
  return value;
}

/** The settings a form names, validated; absent ones are left out so an update keeps them. */
export async function readDomainSettings(db: Kysely<Database>, accountSid: string, form: Params): Promise<Partial<DomainSettings>> {
  const settings: Partial<DomainSettings> = {};
  for (const [param, field] of URLS) {
    const value = handlerUrl(form, param);
    if (value !== undefined) settings[field] = value;
  }
  for (const [param, field] of METHODS) {
    const value = handlerMethod(form, param);
    if (value !== undefined) settings[field] = value;
  }
  for (const [param, field] of FLAGS) {
    const value = booleanParam(form, param);
    if (value !== undefined) settings[field] = value;
  }
  const trunk = optionalSid(form, 'ByocTrunkSid', 'BY');
  if (trunk !== undefined) settings.byoc_trunk_sid = trunk;
  const caller = optionalSid(form, 'EmergencyCallerSid', 'PN');
  if (caller) {
    const owned = await db.selectFrom('incoming_phone_numbers').select('sid').where('sid', '=', caller).where('account_sid', '=', accountSid).executeTakeFirst();
    if (!owned) throw invalidParameter(`EmergencyCallerSid ${caller} is not a phone number of account ${accountSid}: use one of its IncomingPhoneNumbers.`);
  }
  if (caller !== undefined) settings.emergency_caller_sid = caller;
  return settings;
}

export const readDomainFriendlyName = (form: Params): string | null | undefined => {
  const name = friendlyName(form, 'FriendlyName');
  return name === '' ? null : name;
};
