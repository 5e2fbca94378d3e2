import { invalidParameter, notFound } from '../../../../errors/twilio-error.ts';
import { deleteIpAddress, findIpAddress, insertIpAddress, listIpAddresses, updateIpAddress, type SipIpAddress } from '../../../../storage/repositories/sip/ip-addresses.ts';
import { rfc2822 } from '../../../../util/rfc2822.ts';
import { newSid } from '../../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../../route.ts';
import { friendlyName } from '../../validate.ts';
import { IP_ACCESS_CONTROL_LISTS, loadList } from '../named-lists.ts';
import { sipPath, uri } from '../paths.ts';
import { readCidrPrefixLength, readIpAddress } from './read-address.ts';

const LIST = '/Accounts/:AccountSid/SIP/IpAccessControlLists/:IpAccessControlListSid/IpAddresses';
const INSTANCE = `${LIST}/:Sid`;
const listSids = { IpAccessControlListSid: 'AL' };
const sids = { ...listSids, Sid: 'IP' };
const FIELDS = ['FriendlyName', 'IpAddress', 'CidrPrefixLength'];

export const serializeIpAddress = (a: SipIpAddress) => ({
  sid: a.sid,
  account_sid: a.account_sid,
  friendly_name: a.friendly_name,
  ip_address: a.ip_address,
  cidr_prefix_length: a.cidr_prefix_length,
  ip_access_control_list_sid: a.ip_access_control_list_sid,
  date_created: rfc2822(a.date_created),
  date_updated: rfc2822(a.date_updated),
  uri: uri(`${sipPath(a.account_sid)}/IpAccessControlLists/${a.ip_access_control_list_sid}/IpAddresses/${a.sid}`),
});

async function loadAddress(ctx: ApiContext): Promise<SipIpAddress> {
  const list = await loadList(ctx, IP_ACCESS_CONTROL_LISTS, 'IpAccessControlListSid');
  const address = await findIpAddress(ctx.deps.db, list.sid, ctx.params.Sid!);
  if (!address) throw notFound(ctx.path);
  return address;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  sids: listSids,
  query: [...PAGING_PARAMS],
  async handle(ctx) {
    const request = readPageRequest(ctx.query);
    const owner = await loadList(ctx, IP_ACCESS_CONTROL_LISTS, 'IpAccessControlListSid');
    const result = await listIpAddresses(ctx.deps.db, owner.sid, request);
    const path = `${sipPath(owner.account_sid)}/IpAccessControlLists/${owner.sid}/IpAddresses`;
    return ok(listEnvelope({ key: 'ip_addresses', path, filters: [], request, result, serialize: serializeIpAddress, cursorOf: sidCursor }));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  sids: listSids,
  form: FIELDS,
  async handle(ctx) {
    const name = friendlyName(ctx.form, 'FriendlyName', { required: true, max: 255 })!;
    const ipAddress = readIpAddress(ctx.form, true)!;
    const prefix = readCidrPrefixLength(ctx.form) ?? 32;
    const owner = await loadList(ctx, IP_ACCESS_CONTROL_LISTS, 'IpAccessControlListSid');
    const address: SipIpAddress = {
      sid: newSid('IP'), account_sid: owner.account_sid, ip_access_control_list_sid: owner.sid, friendly_name: name,
      ip_address: ipAddress, cidr_prefix_length: prefix, date_created: ctx.now, date_updated: ctx.now,
    };
    await insertIpAddress(ctx.deps.db, address);
    return created(serializeIpAddress(address));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeIpAddress(await loadAddress(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: FIELDS,
  async handle(ctx) {
    const name = friendlyName(ctx.form, 'FriendlyName', { max: 255 });
    if (name === '') throw invalidParameter('FriendlyName cannot be empty.');
    const ipAddress = readIpAddress(ctx.form, false);
    const prefix = readCidrPrefixLength(ctx.form);
    const address = await loadAddress(ctx);
    const changed: SipIpAddress = {
      ...address,
      friendly_name: name ?? address.friendly_name,
      ip_address: ipAddress ?? address.ip_address,
      cidr_prefix_length: prefix ?? address.cidr_prefix_length,
      date_updated: ctx.now,
    };
    await updateIpAddress(ctx.deps.db, changed);
    return ok(serializeIpAddress(changed));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await deleteIpAddress(ctx.deps.db, (await loadAddress(ctx)).sid);
    return deleted();
  },
};

export const ipAddressRoutes: ApiRoute[] = [list, create, fetch, update, remove];
