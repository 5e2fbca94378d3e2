import { TwilioError } from '../errors/twilio-error.ts';

/**
 * Twilio's magic test numbers (+1 500 555 00xx) answer with fixed errors, so apps can exercise their
 * error handling; +15005550006 is a valid sender that every account may use.
 */
export const MAGIC_VALID_FROM = '+15005550006';

const CALL_TO: Record<string, [number, string]> = {
  '+15005550001': [21217, 'Phone number does not appear to be valid'],
  '+15005550002': [21214, "'To' phone number cannot be reached"],
  '+15005550003': [21215, 'Account not authorized to call this number: international permissions are not enabled'],
  '+15005550004': [21216, 'Account not allowed to call this number: it is blocked'],
};

const MESSAGE_TO: Record<string, [number, string]> = {
  '+15005550001': [21211, "The 'To' number +15005550001 is not a valid phone number."],
  '+15005550002': [21612, "The 'To' phone number is not currently reachable via SMS."],
  '+15005550003': [21408, 'Permission to send an SMS has not been enabled for the region indicated by the \'To\' number.'],
  '+15005550004': [21610, "Attempt to send to unsubscribed recipient: the 'To' number has replied STOP."],
  '+15005550009': [21614, "'To' number is not a valid mobile number."],
};

const FROM: Record<string, [number, string]> = {
  '+15005550001': [21212, "The 'From' number +15005550001 is not a valid phone number, shortcode, or alphanumeric sender ID."],
  '+15005550007': [21606, "The 'From' phone number +15005550007 is not a valid, SMS-capable inbound phone number or short code for your account."],
  '+15005550008': [21611, "This 'From' number has exceeded the maximum number of queued messages."],
};

const raise = (entry: [number, string] | undefined): void => {
  if (entry) throw TwilioError.validation(entry[0], entry[1]);
};

export const checkMagicCall = (to: string, from: string): void => {
  raise(FROM[from]);
  raise(CALL_TO[to]);
};

export const checkMagicMessage = (to: string, from: string | null): void => {
  if (from) raise(FROM[from]);
  raise(MESSAGE_TO[to]);
};
