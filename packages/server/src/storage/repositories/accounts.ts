import type { Kysely } from 'kysely';
import { newAuthToken, newSid } from '../../util/sid.ts';
import { freshMemo } from '../fresh-memo.ts';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { AccountsTable, Database } from '../schema.ts';

export type Account = AccountsTable;

export interface NewAccount {
  friendlyName: string;
  type: Account['type'];
  parentSid: string | null;
  now: number;
}

export interface AccountFilters {
  friendlyName?: string;
  status?: Account['status'];
}

export const createAccount = async (db: Kysely<Database>, input: NewAccount): Promise<Account> => {
  const row: Account = {
    sid: newSid('AC'),
    parent_sid: input.parentSid,
    friendly_name: input.friendlyName,
    type: input.type,
    status: 'active',
    auth_token: newAuthToken(),
    date_created: input.now,
    date_updated: input.now,
  };
  await db.insertInto('accounts').values(row).execute();
  return row;
};

export const findAccount = (db: Kysely<Database>, sid: string): Promise<Account | undefined> =>
  db.selectFrom('accounts').selectAll().where('sid', '=', sid).executeTakeFirst();

/** `findAccount` for every request's target: read again once any process writes an account. */
export const findFreshAccount = freshMemo(['accounts'], findAccount);

export const updateAccount = async (
  db: Kysely<Database>,
  sid: string,
  changes: Partial<Pick<Account, 'friendly_name' | 'status' | 'type'>>,
  now: number,
): Promise<Account> => {
  await db.updateTable('accounts').set({ ...changes, date_updated: now }).where('sid', '=', sid).execute();
  return (await findAccount(db, sid))!;
};

/** The account itself and, for a top-level account, its subaccounts. */
export const listAccountFamily = (
  db: Kysely<Database>,
  rootSid: string,
  filters: AccountFilters,
  page: PageQuery,
): Promise<PageRows<Account>> => {
  let q = db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb('sid', '=', rootSid), eb('parent_sid', '=', rootSid)]));
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  if (filters.status !== undefined) q = q.where('status', '=', filters.status);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
};

export const countAccounts = async (db: Kysely<Database>): Promise<number> => {
  const { n } = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
};
