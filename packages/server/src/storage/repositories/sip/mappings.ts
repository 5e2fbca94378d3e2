import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../../keyset-page.ts';
import type { Database } from '../../schema.ts';

/** What a mapping authenticates: calls by credentials or by source IP, or registrations by credentials. */
export type MappingKind = 'calls-credential' | 'calls-ip' | 'registrations-credential';

/** A list mapped to a domain, with the list's name (Twilio shows it on the mapping). */
export interface SipMapping {
  domain_sid: string;
  list_sid: string;
  account_sid: string;
  friendly_name: string;
  date_created: number;
  date_updated: number;
}

const selectMappings = (db: Kysely<Database>, domainSid: string, kind: MappingKind) =>
  db
    .selectFrom('sip_domain_mappings as m')
    .innerJoin('sip_lists as l', 'l.sid', 'm.list_sid')
    .select(['m.domain_sid', 'm.list_sid', 'm.account_sid', 'l.friendly_name', 'm.date_created', 'm.date_updated'])
    .where('m.domain_sid', '=', domainSid)
    .where('m.kind', '=', kind);

export const findMapping = (db: Kysely<Database>, domainSid: string, kind: MappingKind, listSid: string): Promise<SipMapping | undefined> =>
  selectMappings(db, domainSid, kind).where('m.list_sid', '=', listSid).executeTakeFirst();

export const listMappings = (db: Kysely<Database>, domainSid: string, kind: MappingKind, page: PageQuery): Promise<PageRows<SipMapping>> =>
  keysetPage(selectMappings(db, domainSid, kind), { created: 'm.date_created', key: 'm.list_sid', order: 'asc' }, page);

export const insertMapping = async (db: Kysely<Database>, row: { domain_sid: string; kind: MappingKind; list_sid: string; account_sid: string; now: number }): Promise<void> => {
  const { now, ...mapping } = row;
  await db.insertInto('sip_domain_mappings').values({ ...mapping, date_created: now, date_updated: now }).execute();
};

export const deleteMapping = async (db: Kysely<Database>, domainSid: string, kind: MappingKind, listSid: string): Promise<void> => {
  await db.deleteFrom('sip_domain_mappings').where('domain_sid', '=', domainSid).where('kind', '=', kind).where('list_sid', '=', listSid).execute();
};

/** The SIDs of the lists mapped to a domain for one kind of authentication. */
export const mappedListSids = async (db: Kysely<Database>, domainSid: string, kind: MappingKind): Promise<string[]> =>
  (await db.selectFrom('sip_domain_mappings').select('list_sid').where('domain_sid', '=', domainSid).where('kind', '=', kind).execute()).map((r) => r.list_sid);

/** For each domain, the kinds of call authentication it has mapped (its `auth_type`). */
export async function callAuthOf(db: Kysely<Database>, domainSids: readonly string[]): Promise<Map<string, Set<MappingKind>>> {
  const auth = new Map<string, Set<MappingKind>>(domainSids.map((sid) => [sid, new Set()]));
  if (domainSids.length === 0) return auth;
  const rows = await db
    .selectFrom('sip_domain_mappings')
    .select(['domain_sid', 'kind'])
    .distinct()
    .where('domain_sid', 'in', domainSids)
    .where('kind', 'in', ['calls-credential', 'calls-ip'])
    .execute();
  for (const row of rows) auth.get(row.domain_sid)?.add(row.kind as MappingKind);
  return auth;
}
