/** Why a request to Switchboard failed, in the terms the dashboard answers with. */
export type ApiFailure =
  /** 403 / 20006: the customer revoked the app (or its permission changed); only a new authorization helps. */
  | { kind: 'revoked'; message: string }
  /** 401 / 20003: Switchboard did not accept the app's credentials for this account. */
  | { kind: 'credentials'; message: string }
  /** No answer: Switchboard is down, or SWITCHBOARD_URL points elsewhere. */
  | { kind: 'unreachable'; message: string }
  | { kind: 'other'; status: number; code: number | undefined; message: string };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * Sorts an error thrown by twilio-node: a RestException (an HTTP status and Twilio's error `code`), or
 * the HTTP client's network error (a string `code`). Anything else is not an API failure: undefined.
 */
export function classifyApiFailure(error: unknown): ApiFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, code } = error as Error & { status?: unknown; code?: unknown };
  if (typeof status === 'number') {
    const twilioCode = typeof code === 'number' ? code : undefined;
    // A body without a message (a proxy's error page) leaves RestException's message unset.
    const message = error.message || `HTTP ${status}`;
    if (twilioCode === 20006) return { kind: 'revoked', message };
    if (status === 401 || twilioCode === 20003) return { kind: 'credentials', message };
    return { kind: 'other', status, code: twilioCode, message };
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return { kind: 'unreachable', message: `${code}: ${error.message}` };
  return undefined;
}
