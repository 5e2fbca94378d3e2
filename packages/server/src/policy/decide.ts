import { authenticate, connectAccessDenied, connectNeverAllowed, TwilioError } from '../errors/twilio-error.ts';
import type { Permission } from '../connect/permissions.ts';
import type { AccountPrincipal, ConnectPrincipal, Principal } from '../principal/principal.ts';

export type Method = 'GET' | 'POST' | 'DELETE';

/**
 * What a request touches: the account list (`/Accounts.json`), one account (`/Accounts/{Sid}.json`),
 * a subresource of one account (`/Accounts/{Sid}/{resource}…`), or a test control of one account
 * (`/_switchboard/Accounts/{Sid}/…`).
 */
export type Operation =
  | { scope: 'account-list'; method: Method }
  | { scope: 'account'; method: Method }
  | { scope: 'subresource'; method: Method; resource: string }
  | { scope: 'control'; method: Method };

/** The account named in the path, or undefined when no such account exists. */
export interface TargetAccount {
  sid: string;
  parent_sid: string | null;
}

/** What a Connect App lacked when refused with 20006: a permission, or `never` when no grant would do. */
export type MissingPermission = Permission | 'never';

export type Decision = { allow: true } | { allow: false; error: TwilioError; missing?: MissingPermission };

const ALLOW: Decision = { allow: true };
const deny = (error: TwilioError): Decision => ({ allow: false, error });
/** The audit trail shows developers which permission a refused request needed. */
const lacking = (missing: Permission): Decision => ({ allow: false, error: connectAccessDenied(), missing });
const never = (what: string): Decision => ({ allow: false, error: connectNeverAllowed(what), missing: 'never' });

/** Resources no Connect App may change, whatever it was granted. */
const CONNECT_READ_ONLY = new Set(['ConnectApps', 'AuthorizedConnectApps']);
/** Resources no Connect App may even read: credentials of the user's accounts. */
const KEY_RESOURCES = new Set(['Keys', 'SigningKeys']);

/** Every request passes through here: a pure function of who asks, what, and on which account. */
export function decide(principal: Principal, operation: Operation, target: TargetAccount | undefined): Decision {
  return principal.kind === 'account'
    ? decideForAccount(principal, operation, target)
    : decideForConnect(principal, operation, target);
}

/** Twilio's standard API keys reach everything but the Accounts and Keys resources. */
const isKeyOffLimits = (operation: Operation): boolean =>
  operation.scope === 'account-list' || operation.scope === 'account' || (operation.scope === 'subresource' && KEY_RESOURCES.has(operation.resource));

function decideForAccount(
  { account, apiKeySid }: AccountPrincipal,
  operation: Operation,
  target: TargetAccount | undefined,
): Decision {
  const keyRefused = apiKeySid !== undefined && isKeyOffLimits(operation);
  const refuseKey = () => deny(TwilioError.of('forbidden', 'API keys cannot use the Accounts, Keys or SigningKeys resources; use the Account SID and Auth Token.'));
  if (operation.scope === 'account-list') {
    if (keyRefused) return refuseKey();
    if (operation.method === 'POST' && account.parent_sid !== null) {
      return deny(TwilioError.of('forbidden', 'Subaccounts cannot create subaccounts; use the parent account\'s credentials'));
    }
    return ALLOW;
  }
  // Own account, or one of its subaccounts; anything else (including a parent) is not authenticated.
  const inScope = target !== undefined && (target.sid === account.sid || target.parent_sid === account.sid);
  if (!inScope) return deny(authenticate());
  return keyRefused ? refuseKey() : ALLOW;
}

function decideForConnect(principal: ConnectPrincipal, operation: Operation, target: TargetAccount | undefined): Decision {
  const canRead = principal.permissions.includes('get-all');
  const canCharge = principal.permissions.includes('post-all');
  const isOwnSubaccount = target?.sid === principal.subaccountSid;
  const inUserFamily =
    target !== undefined && (target.sid === principal.userAccountSid || target.parent_sid === principal.userAccountSid);

  // An account outside the user's family is as unreachable as for any other credentials: 401, like
  // a wrong token, not 20006, which would say that some grant could reach it.
  if (operation.scope !== 'account-list' && !inUserFamily) return deny(authenticate());

  switch (operation.scope) {
    case 'control':
      return never('use the test controls');
    case 'account-list':
      if (operation.method !== 'GET') return never('create subaccounts');
      return canRead ? ALLOW : lacking('get-all');
    case 'account':
      if (operation.method !== 'GET') return never('update or close accounts');
      return (canRead && inUserFamily) || (canCharge && isOwnSubaccount) ? ALLOW : lacking('get-all');
    case 'subresource':
      if (KEY_RESOURCES.has(operation.resource)) return never('read or manage API keys');
      if (operation.method === 'GET') {
        return (canRead && inUserFamily) || (canCharge && isOwnSubaccount) ? ALLOW : lacking('get-all');
      }
      if (CONNECT_READ_ONLY.has(operation.resource)) return never("change the user's Connect Apps or authorizations");
      // post-all covers the Connect subaccount only: a write elsewhere in the family no grant allows.
      if (!isOwnSubaccount) return never("change resources outside the app's Connect subaccount");
      return canCharge ? ALLOW : lacking('post-all');
  }
}
