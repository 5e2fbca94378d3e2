import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { UsageTriggersTable } from '../schema-rest.ts';

export type UsageTrigger = UsageTriggersTable;

export interface UsageTriggerFilters {
  recurring?: string;
  triggerBy?: string;
  usageCategory?: string;
}

export const insertUsageTrigger = async (db: Kysely<Database>, trigger: UsageTrigger): Promise<void> => {
  await db.insertInto('usage_triggers').values(trigger).execute();
};

export const findUsageTrigger = (db: Kysely<Database>, accountSid: string, sid: string): Promise<UsageTrigger | undefined> =>
  db.selectFrom('usage_triggers').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

export function listUsageTriggers(db: Kysely<Database>, accountSid: string, filters: UsageTriggerFilters, page: PageQuery): Promise<PageRows<UsageTrigger>> {
  let q = db.selectFrom('usage_triggers').selectAll().where('account_sid', '=', accountSid);
  if (filters.recurring !== undefined) q = q.where('recurring', '=', filters.recurring as UsageTrigger['recurring']);
  if (filters.triggerBy !== undefined) q = q.where('trigger_by', '=', filters.triggerBy as UsageTrigger['trigger_by']);
  if (filters.usageCategory !== undefined) q = q.where('usage_category', '=', filters.usageCategory);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
}

/** The account's triggers watching any of `categories`. */
export const triggersWatching = (db: Kysely<Database>, accountSid: string, categories: readonly string[]): Promise<UsageTrigger[]> =>
  db.selectFrom('usage_triggers').selectAll().where('account_sid', '=', accountSid).where('usage_category', 'in', categories).execute();

export const updateUsageTrigger = async (
  db: Kysely<Database>,
  sid: string,
  changes: Partial<Pick<UsageTrigger, 'friendly_name' | 'callback_url' | 'callback_method' | 'current_value' | 'date_fired' | 'date_updated'>>,
): Promise<void> => {
  await db.updateTable('usage_triggers').set(changes).where('sid', '=', sid).execute();
};

export const deleteUsageTrigger = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('usage_triggers').where('sid', '=', sid).execute();
};
