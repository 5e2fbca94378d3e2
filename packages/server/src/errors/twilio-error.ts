import { ERROR_CODES, moreInfoUrl, type ErrorName } from './codes.ts';

/** The one typed error of the API: serialized as Twilio's `{code, message, more_info, status}`. */
export class TwilioError extends Error {
  readonly code: number;
  readonly status: number;

  constructor(code: number, status: number, message: string) {
    super(message);
    this.name = 'TwilioError';
    this.code = code;
    this.status = status;
  }

  static of(name: ErrorName, message: string): TwilioError {
    const { code, status } = ERROR_CODES[name];
    return new TwilioError(code, status, message);
  }

  /** An error with a 4xx status but a resource-specific code (21xxx validation codes). */
  static validation(code: number, message: string, status = 400): TwilioError {
    return new TwilioError(code, status, message);
  }

  toJSON(): { code: number; message: string; more_info: string; status: number } {
    return { code: this.code, message: this.message, more_info: moreInfoUrl(this.code), status: this.status };
  }
}

export const notFound = (path: string): TwilioError =>
  TwilioError.of('notFound', `The requested resource ${path} was not found`);

export const authenticate = (): TwilioError => TwilioError.of('authenticate', 'Authenticate');

export const connectAccessDenied = (): TwilioError =>
  TwilioError.of(
    'connectAccessDenied',
    "Access Denied: the user on whose behalf you are calling has not granted this Connect App the permission this request needs, or has revoked it. Ask the user to authorize the app again (with 'Read all account data' for reads across the account, 'Charge account for usage' for writes in the Connect subaccount).",
  );

/** 20006 for what no grant allows: re-authorizing would not help, so the message says so. */
export const connectNeverAllowed = (what: string): TwilioError =>
  TwilioError.of('connectAccessDenied', `Access Denied: Connect Apps can never ${what}, whatever permissions the user grants. Only the account's own credentials can.`);

export const invalidParameter = (message: string): TwilioError => TwilioError.of('invalidParameter', message);
