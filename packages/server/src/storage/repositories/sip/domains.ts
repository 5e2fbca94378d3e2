import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../../keyset-page.ts';
import type { Database } from '../../schema.ts';
import type { SipDomainsTable } from '../../schema-sip.ts';
import type { HttpMethod } from '../incoming-phone-numbers.ts';

/** A domain's voice URLs and flags; stored as the `config` JSON, named as Twilio's responses name them. */
export interface DomainSettings {
  voice_url: string | null;
  voice_method: HttpMethod;
  voice_fallback_url: string | null;
  voice_fallback_method: HttpMethod;
  voice_status_callback_url: string | null;
  voice_status_callback_method: HttpMethod;
  sip_registration: boolean;
  emergency_calling_enabled: boolean;
  secure: boolean;
  byoc_trunk_sid: string | null;
  emergency_caller_sid: string | null;
}

export const DEFAULT_DOMAIN_SETTINGS: Readonly<DomainSettings> = {
  voice_url: null,
  voice_method: 'POST',
  voice_fallback_url: null,
  voice_fallback_method: 'POST',
  voice_status_callback_url: null,
  voice_status_callback_method: 'POST',
  sip_registration: false,
  emergency_calling_enabled: false,
  secure: false,
  byoc_trunk_sid: null,
  emergency_caller_sid: null,
};

export interface SipDomain extends Omit<SipDomainsTable, 'config'> {
  config: DomainSettings;
}

const fromRow = (row: SipDomainsTable): SipDomain => ({
  ...row,
  config: { ...DEFAULT_DOMAIN_SETTINGS, ...(JSON.parse(row.config) as Partial<DomainSettings>) },
});

const toRow = (domain: SipDomain): SipDomainsTable => ({ ...domain, config: JSON.stringify(domain.config) });

export const findDomain = async (db: Kysely<Database>, accountSid: string, sid: string): Promise<SipDomain | undefined> => {
  const row = await db.selectFrom('sip_domains').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();
  return row && fromRow(row);
};

/** Domain names are unique across every account, so a name finds at most one domain. */
export const findDomainByName = async (db: Kysely<Database>, domainName: string): Promise<SipDomain | undefined> => {
  const row = await db.selectFrom('sip_domains').selectAll().where('domain_name', '=', domainName).executeTakeFirst();
  return row && fromRow(row);
};

export const insertDomain = async (db: Kysely<Database>, domain: SipDomain): Promise<void> => {
  await db.insertInto('sip_domains').values(toRow(domain)).execute();
};

export const updateDomain = async (db: Kysely<Database>, domain: SipDomain): Promise<void> => {
  const { sid, account_sid: _account, date_created: _created, ...changed } = toRow(domain);
  await db.updateTable('sip_domains').set(changed).where('sid', '=', sid).execute();
};

export async function listDomains(db: Kysely<Database>, accountSid: string, page: PageQuery): Promise<PageRows<SipDomain>> {
  const q = db.selectFrom('sip_domains').selectAll().where('account_sid', '=', accountSid);
  const result = await keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
  return { ...result, rows: result.rows.map(fromRow) };
}

/** A domain goes with its mappings, in one transaction. */
export async function deleteDomain(db: Kysely<Database>, sid: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sip_domain_mappings').where('domain_sid', '=', sid).execute();
    await tx.deleteFrom('sip_domains').where('sid', '=', sid).execute();
  });
}
