import { TwilioError } from '../errors/twilio-error.ts';
import type { MissingPermission, Operation } from '../policy/decide.ts';
import type { ConnectPrincipal } from '../principal/principal.ts';
import { utcDay } from '../telephony/record-usage.ts';
import { timeOrderedSid } from '../util/sid.ts';
import type { AuditTrail } from './audit-trail.ts';

/** What the API pipeline learns about a request that its response does not say. */
export interface RequestNote {
  missingPermission: MissingPermission | null;
  /** The Twilio code of an error answered without throwing (an injected fault). */
  errorCode: number | null;
  createdSid: string | null;
}

export const newRequestNote = (): RequestNote => ({ missingPermission: null, errorCode: null, createdSid: null });

/** The resource a request touched, as the customer reads it in the trail. */
export const resourceOf = (operation: Operation): string =>
  operation.scope === 'subresource' ? operation.resource : operation.scope === 'control' ? 'Controls' : 'Accounts';

/** The SID a create answered with, for the price of what it bought. */
export const createdSidOf = (body: unknown): string | null => {
  const sid = (body as { sid?: unknown } | null)?.sid;
  return typeof sid === 'string' ? sid : null;
};

export interface AuditedRequest {
  method: string;
  /** Without the query string: paths carry no secrets, queries might. */
  path: string;
  resource: string;
  at: number;
}

/** Records one request of a Connect App, as it was answered. */
export function recordActivity(trail: AuditTrail, principal: ConnectPrincipal, request: AuditedRequest, status: number, errorCode: number | null, note: RequestNote): void {
  trail.record({
    sid: timeOrderedSid('RQ', request.at),
    account_sid: principal.userAccountSid,
    subaccount_sid: principal.subaccountSid,
    connect_app_sid: principal.connectAppSid,
    developer_account_sid: principal.developerAccountSid,
    method: request.method,
    path: request.path,
    resource: request.resource,
    status,
    error_code: errorCode,
    missing_permission: note.missingPermission,
    resource_sid: status < 300 ? note.createdSid : null,
    day: utcDay(request.at),
    date_created: request.at,
  });
}

/** Serves a Connect App's request and records it, answered or refused; the response never waits on the write. */
export async function recordConnectRequest(
  trail: AuditTrail,
  principal: ConnectPrincipal,
  request: AuditedRequest,
  serve: (note: RequestNote) => Promise<Response>,
): Promise<Response> {
  const note = newRequestNote();
  try {
    const response = await serve(note);
    recordActivity(trail, principal, request, response.status, note.errorCode, note);
    return response;
  } catch (error) {
    const known = error instanceof TwilioError;
    recordActivity(trail, principal, request, known ? error.status : 500, known ? error.code : 20500, note);
    throw error;
  }
}
