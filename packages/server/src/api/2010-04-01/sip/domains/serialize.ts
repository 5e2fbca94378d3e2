import type { SipDomain } from '../../../../storage/repositories/sip/domains.ts';
import { rfc2822 } from '../../../../util/rfc2822.ts';
import { sipPath, uri } from '../paths.ts';

/** Which kinds of authentication a domain has mapped for calls; null when none (it then accepts no call). */
export interface DomainAuth {
  ipAcl: boolean;
  credentialList: boolean;
}

const authType = ({ ipAcl, credentialList }: DomainAuth): string | null =>
  [ipAcl ? 'IP_ACL' : null, credentialList ? 'CREDENTIAL_LIST' : null].filter(Boolean).join(',') || null;

export function serializeDomain(domain: SipDomain, auth: DomainAuth) {
  const path = `${sipPath(domain.account_sid)}/Domains/${domain.sid}`;
  const { config } = domain;
  return {
    account_sid: domain.account_sid,
    api_version: '2010-04-01',
    auth_type: authType(auth),
    date_created: rfc2822(domain.date_created),
    date_updated: rfc2822(domain.date_updated),
    domain_name: domain.domain_name,
    friendly_name: domain.friendly_name,
    sid: domain.sid,
    uri: uri(path),
    voice_fallback_method: config.voice_fallback_method,
    voice_fallback_url: config.voice_fallback_url,
    voice_method: config.voice_method,
    voice_status_callback_method: config.voice_status_callback_method,
    voice_status_callback_url: config.voice_status_callback_url,
    voice_url: config.voice_url,
    subresource_uris: {
      ip_access_control_list_mappings: uri(`${path}/IpAccessControlListMappings`),
      credential_list_mappings: uri(`${path}/CredentialListMappings`),
    },
    sip_registration: config.sip_registration,
    emergency_calling_enabled: config.emergency_calling_enabled,
    secure: config.secure,
    byoc_trunk_sid: config.byoc_trunk_sid,
    emergency_caller_sid: config.emergency_caller_sid,
  };
}
