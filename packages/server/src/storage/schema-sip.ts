/** Tables of the SIP resources: domains, credential and IP access control lists, their mappings (migration 0013). */

/** A SIP Domain (`SD…`): a `*.sip.twilio.com` name, unique across all accounts, and its voice URLs. */
export interface SipDomainsTable {
  sid: string;
  account_sid: string;
  domain_name: string;
  friendly_name: string | null;
  /** JSON of the voice URLs and flags, as Twilio names them in responses. */
  config: string;
  date_created: number;
  date_updated: number;
}

/** A Credential List (`CL…`, kind `credential`) or an IP Access Control List (`AL…`, kind `ip`). */
export interface SipListsTable {
  sid: string;
  account_sid: string;
  kind: 'credential' | 'ip';
  friendly_name: string;
  date_created: number;
  date_updated: number;
}

/** A SIP credential (`CR…`); the password is kept only as a scrypt hash. */
export interface SipCredentialsTable {
  sid: string;
  account_sid: string;
  credential_list_sid: string;
  username: string;
  password_hash: string;
  date_created: number;
  date_updated: number;
}

/** An IPv4 address or CIDR block (`IP…`) of an IP Access Control List. */
export interface SipIpAddressesTable {
  sid: string;
  account_sid: string;
  ip_access_control_list_sid: string;
  friendly_name: string;
  ip_address: string;
  cidr_prefix_length: number;
  date_created: number;
  date_updated: number;
}

/** A list mapped to a domain: for calls (credentials or IPs) or for registrations (credentials). */
export interface SipDomainMappingsTable {
  domain_sid: string;
  /** `calls-credential`, `calls-ip` or `registrations-credential`. */
  kind: string;
  list_sid: string;
  account_sid: string;
  date_created: number;
  date_updated: number;
}

export interface SipTables {
  sip_domains: SipDomainsTable;
  sip_lists: SipListsTable;
  sip_credentials: SipCredentialsTable;
  sip_ip_addresses: SipIpAddressesTable;
  sip_domain_mappings: SipDomainMappingsTable;
}
