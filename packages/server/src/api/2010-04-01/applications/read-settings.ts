import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { ApplicationSettings } from '../../../storage/repositories/applications.ts';
import type { HttpMethod, NumberSettings } from '../../../storage/repositories/incoming-phone-numbers.ts';

/**
 * The TwiML endpoints phone numbers and Applications share, read from a form. Twilio's codes for
 * configuring a phone number's handlers: 21402 Invalid Url, 21403 Invalid Method; an Application is
 * the same configuration under a SID, so it answers with the same codes.
 */
export const INVALID_URL = 21402;
export const INVALID_METHOD = 21403;

type SharedKey = keyof NumberSettings & keyof ApplicationSettings;
export type SharedSettings = Pick<NumberSettings, SharedKey>;

/** An absolute http(s) URL; an empty value clears it. */
export function handlerUrl(form: Params, name: string): string | null | undefined {
  const value = one(form, name);
  if (value === undefined) return undefined;
  if (value === '') return null;
  let valid = false;
  try {
    const { protocol, hostname } = new URL(value);
    valid = (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    valid = false;
  }
  if (!valid || value.length > 4000) {
    throw TwilioError.validation(INVALID_URL, `${name} '${value}' is not a valid URL. Use an absolute http:// or https:// URL.`);
  }
  return value;
}

export function handlerMethod(form: Params, name: string): HttpMethod | undefined {
  const value = one(form, name);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (upper !== 'GET' && upper !== 'POST') throw TwilioError.validation(INVALID_METHOD, `${name} must be GET or POST; got '${value}'.`);
  return upper;
}

/** Booleans arrive as `true`/`false` (twilio-node) or `True`/`False` (twilio-python). */
export function booleanParam(params: Params, name: string): boolean | undefined {
  const value = one(params, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidParameter(`${name} must be true or false; got '${value}'.`);
  return lower === 'true';
}

const API_VERSIONS = ['2010-04-01', '2008-08-01'];

const URLS = [
  ['VoiceUrl', 'voice_url'],
  ['VoiceFallbackUrl', 'voice_fallback_url'],
  ['StatusCallback', 'status_callback'],
  ['SmsUrl', 'sms_url'],
  ['SmsFallbackUrl', 'sms_fallback_url'],
] as const;

const METHODS = [
  ['VoiceMethod', 'voice_method'],
  ['VoiceFallbackMethod', 'voice_fallback_method'],
  ['StatusCallbackMethod', 'status_callback_method'],
  ['SmsMethod', 'sms_method'],
  ['SmsFallbackMethod', 'sms_fallback_method'],
] as const;

export const SHARED_SETTING_PARAMS = ['ApiVersion', 'VoiceCallerIdLookup', ...URLS.map(([p]) => p), ...METHODS.map(([p]) => p)];

/** The shared settings a form names, validated; absent ones are left out so an update keeps them. */
export function readSharedSettings(form: Params): Partial<SharedSettings> {
  const settings: Partial<SharedSettings> = {};
  for (const [param, field] of URLS) {
    const value = handlerUrl(form, param);
    if (value !== undefined) settings[field] = value;
  }
  for (const [param, field] of METHODS) {
    const value = handlerMethod(form, param);
    if (value !== undefined) settings[field] = value;
  }
  const lookup = booleanParam(form, 'VoiceCallerIdLookup');
  if (lookup !== undefined) settings.voice_caller_id_lookup = lookup;
  const apiVersion = one(form, 'ApiVersion');
  if (apiVersion !== undefined) {
    if (!API_VERSIONS.includes(apiVersion)) throw invalidParameter(`ApiVersion must be ${API_VERSIONS.join(' or ')}; got '${apiVersion}'.`);
    settings.api_version = apiVersion;
  }
  return settings;
}
