import { authenticate, connectAccessDenied, TwilioError } from '../errors/twilio-error.ts';
import type { ConnectPrincipal, Principal } from '../principal/principal.ts';

export type Method = 'GET' | 'POST' | 'DELETE';

/**
 * What a request touches: the account list (`/Accounts.json`), one account (`/Accounts/{Sid}.json`),
 * or a subresource of one account (`/Accounts/{Sid}/{resource}…`).
 */
export type Operation =
  | { scope: 'account-list'; method: Method }
  | { scope: 'account'; method: Method }
  | { scope: 'subresource'; method: Method; resource: string }
  /** `/_switchboard/Accounts/{Sid}/…`: what Twilio's network does, started by the account's owner. */
  | { scope: 'test-control'; method: Method };

/** The account named in the path, or undefined when no such account exists. */
export interface TargetAccount {
  sid: string;
  parent_sid: string | null;
}

export type Decision = { allow: true } | { allow: false; error: TwilioError };

const ALLOW: Decision = { allow: true };
const deny = (error: TwilioError): Decision => ({ allow: false, error });

/** Resources no Connect App may change, whatever it was granted. */
const CONNECT_READ_ONLY = new Set(['ConnectApps', 'AuthorizedConnectApps']);

/** Every request passes through here: a pure function of who asks, what, and on which account. */
export function decide(principal: Principal, operation: Operation, target: TargetAccount | undefined): Decision {
  return principal.kind === 'account'
    ? decideForAccount(principal.account, operation, target)
    : decideForConnect(principal, operation, target);
}

function decideForAccount(
  account: TargetAccount,
  operation: Operation,
  target: TargetAccount | undefined,
): Decision {
  if (operation.scope === 'account-list') {
    if (operation.method === 'POST' && account.parent_sid !== null) {
      return deny(TwilioError.of('forbidden', 'Subaccounts cannot create subaccounts; use the parent account\'s credentials'));
    }
    return ALLOW;
  }
  // Own account, or one of its subaccounts; anything else (including a parent) is not authenticated.
  const inScope = target !== undefined && (target.sid === account.sid || target.parent_sid === account.sid);
  return inScope ? ALLOW : deny(authenticate());
}

function decideForConnect(principal: ConnectPrincipal, operation: Operation, target: TargetAccount | undefined): Decision {
  // Test controls belong to the account's owner (its own credentials or its parent's), never to an app.
  if (operation.scope === 'test-control') return deny(connectAccessDenied());
  const canRead = principal.permissions.includes('get-all');
  const canCharge = principal.permissions.includes('post-all');
  const isOwnSubaccount = target?.sid === principal.subaccountSid;
  const inUserFamily =
    target !== undefined && (target.sid === principal.userAccountSid || target.parent_sid === principal.userAccountSid);

  // An account outside the user's family is as unreachable as for any other credentials: 401, like
  // a wrong token, not 20006, which would say that some grant could reach it.
  if (operation.scope !== 'account-list' && !inUserFamily) return deny(authenticate());

  switch (operation.scope) {
    case 'account-list':
      return operation.method === 'GET' && canRead ? ALLOW : deny(connectAccessDenied());
    case 'account':
      if (operation.method !== 'GET') return deny(connectAccessDenied());
      return (canRead && inUserFamily) || (canCharge && isOwnSubaccount) ? ALLOW : deny(connectAccessDenied());
    case 'subresource':
      if (operation.method === 'GET') {
        return (canRead && inUserFamily) || (canCharge && isOwnSubaccount) ? ALLOW : deny(connectAccessDenied());
      }
      if (CONNECT_READ_ONLY.has(operation.resource)) return deny(connectAccessDenied());
      return canCharge && isOwnSubaccount ? ALLOW : deny(connectAccessDenied());
  }
}
