import type { Kysely } from 'kysely';
import { notFound, TwilioError } from '../../../../errors/twilio-error.ts';
import {
  DEFAULT_DOMAIN_SETTINGS,
  deleteDomain,
  findDomain,
  insertDomain,
  listDomains,
  updateDomain,
  type SipDomain,
} from '../../../../storage/repositories/sip/domains.ts';
import { callAuthOf } from '../../../../storage/repositories/sip/mappings.ts';
import { isUniqueViolation } from '../../../../storage/repositories/sip/unique-violation.ts';
import type { Database } from '../../../../storage/schema.ts';
import { newSid } from '../../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../../route.ts';
import { ALREADY_EXISTS, sipPath } from '../paths.ts';
import { DOMAIN_PARAMS, readDomainFriendlyName, readDomainName, readDomainSettings } from './read-fields.ts';
import { serializeDomain } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/SIP/Domains';
const INSTANCE = `${LIST}/:Sid`;
const sids = { Sid: 'SD' };

export async function loadDomain({ deps, params, target, path }: ApiContext, param = 'Sid'): Promise<SipDomain> {
  const domain = await findDomain(deps.db, target.sid, params[param]!);
  if (!domain) throw notFound(path);
  return domain;
}

async function serializeDomains(db: Kysely<Database>, domains: SipDomain[]) {
  const auth = await callAuthOf(db, domains.map((d) => d.sid));
  return domains.map((domain) => {
    const kinds = auth.get(domain.sid)!;
    return serializeDomain(domain, { ipAcl: kinds.has('calls-ip'), credentialList: kinds.has('calls-credential') });
  });
}

const serializeOne = async (db: Kysely<Database>, domain: SipDomain) => (await serializeDomains(db, [domain]))[0];

const nameTaken = (name: string) =>
  TwilioError.validation(ALREADY_EXISTS, `DomainName ${name} is already in use: domain names are unique across all accounts. Choose another name.`, 409);

/** Writes a domain; a name taken meanwhile (by any account) is Twilio's conflict, not a 500. */
async function saveDomain(write: () => Promise<void>, name: string): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: [...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const result = await listDomains(deps.db, target.sid, request);
    const items = await serializeDomains(deps.db, result.rows);
    const byDomain = new Map(result.rows.map((row, i) => [row, items[i]]));
    return ok(listEnvelope({ key: 'domains', path: `${sipPath(target.sid)}/Domains`, filters: [], request, result, serialize: (row) => byDomain.get(row), cursorOf: sidCursor }));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: DOMAIN_PARAMS,
  async handle({ deps, target, form, now }) {
    const domainName = readDomainName(form, true)!;
    const friendly = readDomainFriendlyName(form);
    const settings = await readDomainSettings(deps.db, target.sid, form);
    const domain: SipDomain = {
      sid: newSid('SD'),
      account_sid: target.sid,
      domain_name: domainName,
      friendly_name: friendly ?? null,
      config: { ...DEFAULT_DOMAIN_SETTINGS, ...settings },
      date_created: now,
      date_updated: now,
    };
    await saveDomain(() => insertDomain(deps.db, domain), domainName);
    return created(await serializeOne(deps.db, domain));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(await serializeOne(ctx.deps.db, await loadDomain(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: DOMAIN_PARAMS,
  async handle(ctx) {
    const domainName = readDomainName(ctx.form, false);
    const friendly = readDomainFriendlyName(ctx.form);
    const settings = await readDomainSettings(ctx.deps.db, ctx.target.sid, ctx.form);
    const domain = await loadDomain(ctx);
    const changed: SipDomain = {
      ...domain,
      domain_name: domainName ?? domain.domain_name,
      friendly_name: friendly === undefined ? domain.friendly_name : friendly,
      config: { ...domain.config, ...settings },
      date_updated: ctx.now,
    };
    await saveDomain(() => updateDomain(ctx.deps.db, changed), changed.domain_name);
    return ok(await serializeOne(ctx.deps.db, changed));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await deleteDomain(ctx.deps.db, (await loadDomain(ctx)).sid);
    return deleted();
  },
};

export const domainRoutes: ApiRoute[] = [list, create, fetch, update, remove];
