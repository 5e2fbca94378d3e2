/**
 * The one registry of Twilio error codes Switchboard emits. Codes and statuses follow Twilio's
 * documented errors; `more_info` always points at Twilio's page for the code.
 */
export const ERROR_CODES = {
  invalidParameter: { code: 20001, status: 400 },
  authenticate: { code: 20003, status: 401 },
  methodNotAllowed: { code: 20004, status: 405 },
  connectAccessDenied: { code: 20006, status: 403 },
  forbidden: { code: 20403, status: 403 },
  notFound: { code: 20404, status: 404 },
  tooManyRequests: { code: 20429, status: 429 },
  internal: { code: 20500, status: 500 },
  accountSuspended: { code: 21478, status: 400 },
  accountClosed: { code: 21479, status: 400 },
} as const;

export type ErrorName = keyof typeof ERROR_CODES;

export const moreInfoUrl = (code: number): string => `https://www.twilio.com/docs/errors/${code}`;
