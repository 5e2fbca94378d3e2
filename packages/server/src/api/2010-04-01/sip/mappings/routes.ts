import { invalidParameter, notFound, TwilioError } from '../../../../errors/twilio-error.ts';
import { one } from '../../../../http/params.ts';
import { findList } from '../../../../storage/repositories/sip/lists.ts';
import { deleteMapping, findMapping, insertMapping, listMappings, type MappingKind, type SipMapping } from '../../../../storage/repositories/sip/mappings.ts';
import { isUniqueViolation } from '../../../../storage/repositories/sip/unique-violation.ts';
import { rfc2822 } from '../../../../util/rfc2822.ts';
import { isSid } from '../../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../../route.ts';
import { loadDomain } from '../domains/routes.ts';
import { CREDENTIAL_LISTS, IP_ACCESS_CONTROL_LISTS, type NamedListKind } from '../named-lists.ts';
import { ALREADY_EXISTS, sipPath, uri } from '../paths.ts';

/**
 * The lists mapped to a domain. The legacy `/Domains/{SD}/…Mappings` and `/Auth/Calls/…Mappings`
 * are two views of the same call authentication (the legacy ones add `domain_sid` and `uri`);
 * `/Auth/Registrations/CredentialListMappings` authenticates registrations.
 */
interface MappingFamily {
  /** Path under `/SIP/Domains/{DomainSid}`. */
  segment: string;
  kind: MappingKind;
  list: NamedListKind;
  /** The form parameter naming the list to map. */
  param: 'CredentialListSid' | 'IpAccessControlListSid';
  key: string;
  legacy: boolean;
}

const FAMILIES: MappingFamily[] = [
  { segment: 'CredentialListMappings', kind: 'calls-credential', list: CREDENTIAL_LISTS, param: 'CredentialListSid', key: 'credential_list_mappings', legacy: true },
  { segment: 'IpAccessControlListMappings', kind: 'calls-ip', list: IP_ACCESS_CONTROL_LISTS, param: 'IpAccessControlListSid', key: 'ip_access_control_list_mappings', legacy: true },
  { segment: 'Auth/Calls/CredentialListMappings', kind: 'calls-credential', list: CREDENTIAL_LISTS, param: 'CredentialListSid', key: 'contents', legacy: false },
  { segment: 'Auth/Calls/IpAccessControlListMappings', kind: 'calls-ip', list: IP_ACCESS_CONTROL_LISTS, param: 'IpAccessControlListSid', key: 'contents', legacy: false },
  { segment: 'Auth/Registrations/CredentialListMappings', kind: 'registrations-credential', list: CREDENTIAL_LISTS, param: 'CredentialListSid', key: 'contents', legacy: false },
];

const serializeMapping = (family: MappingFamily) => (m: SipMapping) => {
  const common = {
    account_sid: m.account_sid,
    date_created: rfc2822(m.date_created),
    date_updated: rfc2822(m.date_updated),
    friendly_name: m.friendly_name,
    sid: m.list_sid,
  };
  if (!family.legacy) return common;
  return { ...common, domain_sid: m.domain_sid, uri: uri(`${sipPath(m.account_sid)}/Domains/${m.domain_sid}/${family.segment}/${m.list_sid}`) };
};

const mappingCursor = (m: SipMapping) => ({ created: m.date_created, key: m.list_sid });

function familyRoutes(family: MappingFamily): ApiRoute[] {
  const LIST = `/Accounts/:AccountSid/SIP/Domains/:DomainSid/${family.segment}`;
  const INSTANCE = `${LIST}/:Sid`;
  const listSids = { DomainSid: 'SD' };
  const sids = { ...listSids, Sid: family.list.prefix };
  const serialize = serializeMapping(family);

  async function loadMapping(ctx: ApiContext): Promise<SipMapping> {
    const domain = await loadDomain(ctx, 'DomainSid');
    const mapping = await findMapping(ctx.deps.db, domain.sid, family.kind, ctx.params.Sid!);
    if (!mapping) throw notFound(ctx.path);
    return mapping;
  }

  return [
    {
      method: 'GET',
      path: LIST,
      sids: listSids,
      query: [...PAGING_PARAMS],
      async handle(ctx) {
        const request = readPageRequest(ctx.query);
        const domain = await loadDomain(ctx, 'DomainSid');
        const result = await listMappings(ctx.deps.db, domain.sid, family.kind, request);
        const path = `${sipPath(domain.account_sid)}/Domains/${domain.sid}/${family.segment}`;
        return ok(listEnvelope({ key: family.key, path, filters: [], request, result, serialize, cursorOf: mappingCursor }));
      },
    },
    {
      method: 'POST',
      path: LIST,
      sids: listSids,
      form: [family.param],
      async handle(ctx) {
        const listSid = one(ctx.form, family.param);
        if (!listSid) throw invalidParameter(`${family.param} is required.`);
        if (!isSid(family.list.prefix, listSid)) throw invalidParameter(`${family.param} '${listSid}' is not a ${family.list.prefix} SID.`);
        const domain = await loadDomain(ctx, 'DomainSid');
        const list = await findList(ctx.deps.db, ctx.target.sid, family.list.kind, listSid);
        if (!list) throw notFound(uri(`${sipPath(ctx.target.sid)}/${family.list.segment}/${listSid}`));
        try {
          await insertMapping(ctx.deps.db, { domain_sid: domain.sid, kind: family.kind, list_sid: list.sid, account_sid: domain.account_sid, now: ctx.now });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          throw TwilioError.validation(ALREADY_EXISTS, `${list.sid} is already mapped to domain ${domain.sid} for ${family.kind.startsWith('calls') ? 'calls' : 'registrations'}.`, 409);
        }
        const mapping: SipMapping = { domain_sid: domain.sid, list_sid: list.sid, account_sid: domain.account_sid, friendly_name: list.friendly_name, date_created: ctx.now, date_updated: ctx.now };
        return created(serialize(mapping));
      },
    },
    { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serialize(await loadMapping(ctx))) },
    {
      method: 'DELETE',
      path: INSTANCE,
      sids,
      async handle(ctx) {
        const mapping = await loadMapping(ctx);
        await deleteMapping(ctx.deps.db, mapping.domain_sid, family.kind, mapping.list_sid);
        return deleted();
      },
    },
  ];
}

export const mappingRoutes: ApiRoute[] = FAMILIES.flatMap(familyRoutes);
