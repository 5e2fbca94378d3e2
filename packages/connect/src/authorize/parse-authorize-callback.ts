import { ConnectError } from '../errors.ts';
import { queryOf, single, type QuerySource } from '../http/query-of.ts';
import { isAccountSid } from '../util/sid.ts';
import { timingSafeEqualStrings } from '../util/timing-safe-equal.ts';

export interface AuthorizeCallbackOptions {
  /** The `createState()` value stored for this user, or `null` to say the button carries no state. */
  expectedState: string | null;
}

/**
 * Reads the redirect Switchboard sends to your Authorize URL. Returns the Connect subaccount's SID, or
 * throws a ConnectError: `state_mismatch`, `denied` (the user said no), `invalid_account_sid`.
 */
export function parseAuthorizeCallback(source: QuerySource, { expectedState }: AuthorizeCallbackOptions): { accountSid: string } {
  const params = queryOf(source);
  // State first: until it matches, nothing else in the callback can be trusted, not even a denial.
  if (expectedState !== null) checkState(single(params, 'state'), expectedState);

  const error = params.get('error');
  if (error !== null) {
    const why = error === 'unauthorized_client' ? 'The user declined to authorize the Connect App' : `Authorization failed with error=${error}`;
    throw new ConnectError('denied', `${why}. Show the user the Connect button again if they want to retry; there is no AccountSid to store.`);
  }

  const accountSid = single(params, 'AccountSid');
  if (accountSid === undefined) {
    throw new ConnectError('invalid_account_sid', 'The callback carries no single AccountSid parameter. Make sure the Connect App\'s Authorize URL points at this handler and that the user arrived through the Connect button.');
  }
  if (!isAccountSid(accountSid)) {
    throw new ConnectError('invalid_account_sid', `AccountSid ${JSON.stringify(accountSid.slice(0, 64))} is not an Account SID (AC + 32 hex digits); the callback was altered or did not come from Switchboard.`);
  }
  return { accountSid };
}

function checkState(received: string | undefined, expected: string): void {
  if (expected === '') {
    // An empty expectation would accept `state=`: it means the session lost its value, not "no state".
    throw new ConnectError('state_mismatch', 'expectedState is empty: the value from createState() was not found in the user\'s session. Start the authorization again; pass null only if your Connect button has no state.');
  }
  if (received === undefined || !timingSafeEqualStrings(received, expected)) {
    throw new ConnectError('state_mismatch', 'The state in the callback does not match the one issued for this session, so it may be forged or belong to another session. Start the authorization again with a fresh createState() value.');
  }
}
