/** What went wrong, as a stable string to branch on (`err.code === 'denied'`). */
export type ConnectErrorCode =
  | 'denied'
  | 'state_mismatch'
  | 'invalid_account_sid'
  | 'invalid_connect_app_sid'
  | 'invalid_base_url'
  | 'missing_signature'
  | 'invalid_signature'
  | 'missing_params'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'malformed_token'
  | 'unsupported_algorithm'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_scope';

// The HTTP status a handler would answer with, so callers can map an error to a response in one line.
const STATUS: Record<ConnectErrorCode, number> = {
  denied: 403,
  state_mismatch: 400,
  invalid_account_sid: 400,
  invalid_connect_app_sid: 400,
  invalid_base_url: 500,
  missing_signature: 400,
  invalid_signature: 403,
  missing_params: 400,
  method_not_allowed: 405,
  payload_too_large: 413,
  malformed_token: 401,
  unsupported_algorithm: 401,
  expired: 401,
  not_yet_valid: 401,
  invalid_scope: 401,
};

/** The one error class of this library; `message` says how to fix the problem. */
export class ConnectError extends Error {
  readonly code: ConnectErrorCode;
  /** A suggested HTTP status for a response to the request that caused this error. */
  readonly status: number;

  constructor(code: ConnectErrorCode, message: string) {
    super(message);
    this.name = 'ConnectError';
    this.code = code;
    this.status = STATUS[code];
  }
}
