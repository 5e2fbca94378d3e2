import { notFound } from '../../../errors/twilio-error.ts';
import { findAddress } from '../../../storage/repositories/addresses.ts';
import { listIncomingNumbers, parseCapabilities, type IncomingPhoneNumber } from '../../../storage/repositories/incoming-phone-numbers.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { ok, type ApiRoute } from '../route.ts';
import { incomingNumberUri } from '../incoming-phone-numbers/serialize.ts';

const serializeDependent = (n: IncomingPhoneNumber) => {
  const c = n.config;
  return {
    sid: n.sid,
    account_sid: n.account_sid,
    friendly_name: n.friendly_name,
    phone_number: n.phone_number,
    voice_url: c.voice_url,
    voice_method: c.voice_method,
    voice_fallback_method: c.voice_fallback_method,
    voice_fallback_url: c.voice_fallback_url,
    voice_caller_id_lookup: c.voice_caller_id_lookup,
    date_created: rfc2822(n.date_created),
    date_updated: rfc2822(n.date_updated),
    sms_fallback_method: c.sms_fallback_method,
    sms_fallback_url: c.sms_fallback_url,
    sms_method: c.sms_method,
    sms_url: c.sms_url,
    address_requirements: 'none',
    capabilities: parseCapabilities(n.capabilities),
    status_callback: c.status_callback,
    status_callback_method: c.status_callback_method,
    api_version: c.api_version,
    sms_application_sid: c.sms_application_sid,
    voice_application_sid: c.voice_application_sid,
    trunk_sid: c.trunk_sid,
    emergency_status: c.emergency_status,
    emergency_address_sid: c.emergency_address_sid,
    uri: incomingNumberUri(n),
  };
};

/** The account's numbers whose `AddressSid` is this address. */
export const dependentNumbersRoute: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/Addresses/:AddressSid/DependentPhoneNumbers',
  sids: { AddressSid: 'AD' },
  query: PAGING_PARAMS,
  async handle({ deps, target, params, query, path }) {
    const request = readPageRequest(query);
    const address = await findAddress(deps.db, target.sid, params.AddressSid!);
    if (!address) throw notFound(path);
    const result = await listIncomingNumbers(deps.db, target.sid, { addressSid: address.sid }, request);
    return ok(
      listEnvelope({
        key: 'dependent_phone_numbers',
        path: `/Accounts/${target.sid}/Addresses/${address.sid}/DependentPhoneNumbers`,
        filters: [],
        request,
        result,
        serialize: serializeDependent,
        cursorOf: sidCursor,
      }),
    );
  },
};
