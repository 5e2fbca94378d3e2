import type { Permission } from '../connect/permissions.ts';
import type { Account } from '../storage/repositories/accounts.ts';

/** Who is calling, as resolved from HTTP Basic credentials. */
export type Principal = AccountPrincipal | ConnectPrincipal;

/**
 * An account's own SID and auth token, or one of its API keys: acts on itself and, if top-level,
 * on its subaccounts.
 */
export interface AccountPrincipal {
  kind: 'account';
  account: Account;
  /** Set when an API key (`SK…` and its secret) authenticated, rather than the auth token. */
  apiKeySid?: string;
}

/** A Connect App: the Connect subaccount's SID with the app owner's auth token. */
export interface ConnectPrincipal {
  kind: 'connect';
  connectAppSid: string;
  subaccountSid: string;
  /** The user's top-level account that authorized the app. */
  userAccountSid: string;
  developerAccountSid: string;
  /** What the user granted, narrowed to what the app still asks for. */
  permissions: readonly Permission[];
}
