import { invalidParameter } from '../../../../errors/twilio-error.ts';
import { one, type Params } from '../../../../http/params.ts';

/** Twilio's usernames: up to 32 characters, none of them blank. */
export function readUsername(form: Params): string {
  const value = one(form, 'Username');
  if (!value) throw invalidParameter('Username is required.');
  if ([...value].length > 32 || /\s/.test(value)) throw invalidParameter(`Username '${value}' is not valid: use up to 32 characters, without spaces.`);
  return value;
}

/** Twilio's strength rules for SIP passwords: at least 12 characters, a digit, an upper- and a lowercase letter. */
export function readPassword(form: Params, required: boolean): string | undefined {
  const value = one(form, 'Password');
  if (value === undefined || value === '') {
    if (required) throw invalidParameter('Password is required.');
    return undefined;
  }
  const strong = [...value].length >= 12 && [...value].length <= 128 && /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!strong) {
    throw invalidParameter('Password is too weak: use 12 to 128 characters with at least one digit, one uppercase and one lowercase letter.');
  }
  return value;
}
