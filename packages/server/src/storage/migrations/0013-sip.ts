import type { Kysely } from 'kysely';

/**
 * SIP: domains (their names unique across every account, as Twilio's DNS names are), credential
 * lists and IP access control lists (one table, told apart by kind), their entries, and the lists
 * mapped to each domain for calls and registrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sip_domains')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('domain_name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('friendly_name', 'varchar(64)')
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sip_domains_account').on('sip_domains').columns(['account_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('sip_lists')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull().references('accounts.sid'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sip_lists_account').on('sip_lists').columns(['account_sid', 'kind', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('sip_credentials')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('credential_list_sid', 'varchar(34)', (c) => c.notNull().references('sip_lists.sid'))
    .addColumn('username', 'varchar(32)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sip_credentials_username', ['credential_list_sid', 'username'])
    .execute();
  await db.schema.createIndex('sip_credentials_list').on('sip_credentials').columns(['credential_list_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('sip_ip_addresses')
    .addColumn('sid', 'varchar(34)', (c) => c.primaryKey())
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('ip_access_control_list_sid', 'varchar(34)', (c) => c.notNull().references('sip_lists.sid'))
    .addColumn('friendly_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip_address', 'varchar(15)', (c) => c.notNull())
    .addColumn('cidr_prefix_length', 'integer', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sip_ip_addresses_list').on('sip_ip_addresses').columns(['ip_access_control_list_sid', 'date_created', 'sid']).execute();

  await db.schema
    .createTable('sip_domain_mappings')
    .addColumn('domain_sid', 'varchar(34)', (c) => c.notNull().references('sip_domains.sid'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('list_sid', 'varchar(34)', (c) => c.notNull().references('sip_lists.sid'))
    .addColumn('account_sid', 'varchar(34)', (c) => c.notNull())
    .addColumn('date_created', 'bigint', (c) => c.notNull())
    .addColumn('date_updated', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sip_domain_mappings_pk', ['domain_sid', 'kind', 'list_sid'])
    .execute();
  await db.schema.createIndex('sip_domain_mappings_page').on('sip_domain_mappings').columns(['domain_sid', 'kind', 'date_created', 'list_sid']).execute();
  await db.schema.createIndex('sip_domain_mappings_list').on('sip_domain_mappings').columns(['list_sid']).execute();
}
