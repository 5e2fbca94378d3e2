import type { Kysely } from 'kysely';
import { TwilioError } from '../../errors/twilio-error.ts';
import type { Account } from '../../storage/repositories/accounts.ts';
import { freshMemo } from '../../storage/fresh-memo.ts';
import type { Database } from '../../storage/schema.ts';

/** An account the signed-in user may look into: their own, or one of its subaccounts. */
export interface FamilyMember {
  account: Account;
  /** The Connect App a Connect subaccount was made for; null for the user's own accounts. */
  connectAppName: string | null;
}

/** How many subaccounts the pickers list; Twilio's own Console pages them similarly. */
const MAX_SUBACCOUNTS = 500;

/** The user's subaccounts, oldest first, each labelled with the Connect App it belongs to, if any. */
export async function listSubaccounts(db: Kysely<Database>, topSid: string): Promise<FamilyMember[]> {
  const rows = await db
    .selectFrom('accounts as a')
    .leftJoin('connect_grants as g', 'g.subaccount_sid', 'a.sid')
    .leftJoin('connect_apps as app', 'app.sid', 'g.connect_app_sid')
    .selectAll('a')
    .select(['g.connect_app_sid', 'app.friendly_name as app_name'])
    .where('a.parent_sid', '=', topSid)
    .orderBy('a.date_created')
    .orderBy('a.sid')
    .limit(MAX_SUBACCOUNTS)
    .execute();
  return rows.map(({ connect_app_sid, app_name, ...account }) => ({
    account,
    connectAppName: connect_app_sid === null ? null : (app_name ?? 'deleted app'),
  }));
}

/** Every Console log page lists the family for its picker: read again once an account, a grant or an app is written. */
const freshSubaccounts = freshMemo(['accounts', 'connect_grants', 'connect_apps'], listSubaccounts);

/** The top-level account first, then its subaccounts. */
export const listFamily = async (db: Kysely<Database>, top: Account): Promise<FamilyMember[]> => [
  { account: top, connectAppName: null },
  ...(await freshSubaccounts(db, top.sid)),
];

export const familyLabel = ({ account, connectAppName }: FamilyMember): string =>
  account.parent_sid === null ? `${account.friendly_name} (main account)` : connectAppName !== null ? `${connectAppName} (Connect App)` : `${account.friendly_name} (subaccount)`;

/** The member the `account` query parameter names, the main account when absent; never an outsider. */
export function chooseMember(family: readonly FamilyMember[], sid: string | undefined): FamilyMember {
  if (!sid) return family[0]!;
  const member = family.find((m) => m.account.sid === sid);
  if (!member) throw TwilioError.of('notFound', `Account ${sid} is not yours or one of your subaccounts. Pick an account from the list.`);
  return member;
}
