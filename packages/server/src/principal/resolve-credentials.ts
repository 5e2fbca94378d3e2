import type { Kysely } from 'kysely';
import { parsePermissions } from '../connect/permissions.ts';
import { authenticate, connectAccessDenied } from '../errors/twilio-error.ts';
import type { Database } from '../storage/schema.ts';
import { constantTimeEqual } from '../util/constant-time.ts';
import { isSid } from '../util/sid.ts';
import type { Principal } from './principal.ts';

export interface Credentials {
  username: string;
  password: string;
}

/** Reads HTTP Basic credentials; anything else is no credentials at all. */
export const parseBasicAuth = (header: string | undefined): Credentials | null => {
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * Resolves credentials to an account principal (the account's own token) or a Connect principal
 * (a Connect subaccount's SID with the app owner's token). Suspended or closed accounts cannot
 * authenticate; a revoked grant is refused with 20006 so the developer learns why.
 */
export async function resolveCredentials(db: Kysely<Database>, credentials: Credentials | null): Promise<Principal> {
  if (!credentials || !isSid('AC', credentials.username)) throw authenticate();
  const account = await db.selectFrom('accounts').selectAll().where('sid', '=', credentials.username).executeTakeFirst();
  if (!account) throw authenticate();

  if (constantTimeEqual(credentials.password, account.auth_token)) {
    if (account.status !== 'active') throw authenticate();
    return { kind: 'account', account };
  }

  const grant = await db
    .selectFrom('connect_grants as g')
    .innerJoin('accounts as developer', 'developer.sid', 'g.developer_account_sid')
    .innerJoin('accounts as user', 'user.sid', 'g.account_sid')
    .leftJoin('connect_apps as app', 'app.sid', 'g.connect_app_sid')
    .select([
      'g.connect_app_sid',
      'g.account_sid',
      'g.developer_account_sid',
      'g.permissions',
      'g.status',
      'developer.auth_token as developer_token',
      'developer.status as developer_status',
      'user.status as user_status',
      'app.permissions as app_permissions',
    ])
    .where('g.subaccount_sid', '=', account.sid)
    .executeTakeFirst();
  if (!grant || !constantTimeEqual(credentials.password, grant.developer_token)) throw authenticate();
  // The Connect subaccount, the user's account it belongs to and the developer's must all be active.
  if (account.status !== 'active' || grant.user_status !== 'active' || grant.developer_status !== 'active') throw authenticate();
  if (grant.status !== 'active' || grant.app_permissions === null) throw connectAccessDenied();

  const asked = parsePermissions(grant.app_permissions);
  return {
    kind: 'connect',
    connectAppSid: grant.connect_app_sid,
    subaccountSid: account.sid,
    userAccountSid: grant.account_sid,
    developerAccountSid: grant.developer_account_sid,
    permissions: parsePermissions(grant.permissions).filter((p) => asked.includes(p)),
  };
}
