import type { Kysely } from 'kysely';
import { parsePermissions } from '../connect/permissions.ts';
import { authenticate, connectAccessDenied } from '../errors/twilio-error.ts';
import type { Database } from '../storage/schema.ts';
import { hashKeySecret } from '../util/api-key-secret.ts';
import { constantTimeEqual } from '../util/constant-time.ts';
import { freshMemo } from '../storage/fresh-memo.ts';
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

const ACCOUNT_COLUMNS = ['a.sid', 'a.parent_sid', 'a.friendly_name', 'a.type', 'a.status', 'a.auth_token', 'a.date_created', 'a.date_updated'] as const;

/**
 * An API key acts as its account while the key exists and the account (and its parent) are active.
 * The key is read on every request, so a deleted key stops at once.
 */
async function resolveApiKey(db: Kysely<Database>, { username, password }: Credentials): Promise<Principal> {
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('accounts as a', 'a.sid', 'k.account_sid')
    .leftJoin('accounts as parent', 'parent.sid', 'a.parent_sid')
    .select(ACCOUNT_COLUMNS)
    .select(['k.secret_hash', 'parent.status as parent_status'])
    .where('k.sid', '=', username)
    .executeTakeFirst();
  if (!row || !constantTimeEqual(hashKeySecret(username, password), row.secret_hash)) throw authenticate();
  if (row.status !== 'active' || (row.parent_status !== null && row.parent_status !== 'active')) throw authenticate();
  const { sid, parent_sid, friendly_name, type, status, auth_token, date_created, date_updated } = row;
  return { kind: 'account', account: { sid, parent_sid, friendly_name, type, status, auth_token, date_created, date_updated }, apiKeySid: username };
}

/** What decides who a request is: read again once any process writes one of these. */
const CREDENTIAL_TABLES = ['accounts', 'connect_grants', 'connect_apps', 'api_keys'] as const;

const principalOfHeader = freshMemo(CREDENTIAL_TABLES, (db, header) => resolveCredentials(db, parseBasicAuth(header)));

/**
 * The principal an `Authorization` header stands for, remembered by the exact header until a write to
 * what it was read from; refused credentials are read again every time.
 */
export const principalFor = (db: Kysely<Database>, authorization: string | undefined): Promise<Principal> =>
  authorization === undefined ? resolveCredentials(db, null) : principalOfHeader(db, authorization);

/**
 * Resolves credentials to an account principal (the account's own token or an API key) or a Connect principal
 * (a Connect subaccount's SID with the app owner's token). Suspended or closed accounts cannot
 * authenticate; a revoked grant is refused with 20006 so the developer learns why.
 */
export async function resolveCredentials(db: Kysely<Database>, credentials: Credentials | null): Promise<Principal> {
  if (credentials && isSid('SK', credentials.username)) return resolveApiKey(db, credentials);
  if (!credentials || !isSid('AC', credentials.username)) throw authenticate();
  // One query for either kind: the account, its parent and, for a Connect subaccount, its grant.
  const row = await db
    .selectFrom('accounts as a')
    .leftJoin('accounts as parent', 'parent.sid', 'a.parent_sid')
    .leftJoin('connect_grants as g', 'g.subaccount_sid', 'a.sid')
    .leftJoin('accounts as developer', 'developer.sid', 'g.developer_account_sid')
    .leftJoin('accounts as developer_parent', 'developer_parent.sid', 'developer.parent_sid')
    .leftJoin('connect_apps as app', 'app.sid', 'g.connect_app_sid')
    .select(ACCOUNT_COLUMNS)
    .select([
      'parent.status as parent_status',
      'g.connect_app_sid',
      'g.account_sid as user_account_sid',
      'g.developer_account_sid',
      'g.permissions as granted',
      'g.status as grant_status',
      'developer.auth_token as developer_token',
      'developer.status as developer_status',
      'developer_parent.status as developer_parent_status',
      'app.permissions as app_permissions',
    ])
    .where('a.sid', '=', credentials.username)
    .executeTakeFirst();
  if (!row) throw authenticate();
  // An account authenticates only while it and every account above it are active. Subaccounts have no
  // subaccounts of their own, so the parent is the only account above.
  const active = row.status === 'active' && (row.parent_status === null || row.parent_status === 'active');

  if (constantTimeEqual(credentials.password, row.auth_token)) {
    if (!active) throw authenticate();
    const { sid, parent_sid, friendly_name, type, status, auth_token, date_created, date_updated } = row;
    return { kind: 'account', account: { sid, parent_sid, friendly_name, type, status, auth_token, date_created, date_updated } };
  }

  if (row.developer_token === null || !constantTimeEqual(credentials.password, row.developer_token)) throw authenticate();
  // The Connect subaccount, the user's account it belongs to, the app's owner and the account above the
  // owner (when the owner is a subaccount) must all be active.
  const developerActive = row.developer_status === 'active' && (row.developer_parent_status === null || row.developer_parent_status === 'active');
  if (!active || !developerActive) throw authenticate();
  if (row.grant_status !== 'active' || row.app_permissions === null) throw connectAccessDenied();

  const asked = parsePermissions(row.app_permissions);
  return {
    kind: 'connect',
    connectAppSid: row.connect_app_sid!,
    subaccountSid: row.sid,
    userAccountSid: row.user_account_sid!,
    developerAccountSid: row.developer_account_sid!,
    permissions: parsePermissions(row.granted!).filter((p) => asked.includes(p)),
  };
}
