import { parseCapabilities, type IncomingPhoneNumber } from '../../../storage/repositories/incoming-phone-numbers.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

const TYPE_NAMES: Record<IncomingPhoneNumber['type'], string> = { local: 'local', mobile: 'mobile', tollfree: 'toll-free' };

export const incomingNumberUri = (n: Pick<IncomingPhoneNumber, 'account_sid' | 'sid'>): string =>
  `/2010-04-01/Accounts/${n.account_sid}/IncomingPhoneNumbers/${n.sid}.json`;

/**
 * Every number Switchboard sells is Twilio-origin, in use, not beta, needs no address and has no
 * registered emergency address. The Local/Mobile/TollFree schemas have no `type` field.
 */
export function serializeIncomingNumber(n: IncomingPhoneNumber, { withType }: { withType: boolean }) {
  const c = n.config;
  const body = {
    account_sid: n.account_sid,
    address_sid: c.address_sid,
    address_requirements: 'none',
    api_version: c.api_version,
    beta: false,
    capabilities: parseCapabilities(n.capabilities),
    date_created: rfc2822(n.date_created),
    date_updated: rfc2822(n.date_updated),
    friendly_name: n.friendly_name,
    identity_sid: c.identity_sid,
    phone_number: n.phone_number,
    origin: 'twilio',
    sid: n.sid,
    sms_application_sid: c.sms_application_sid,
    sms_fallback_method: c.sms_fallback_method,
    sms_fallback_url: c.sms_fallback_url,
    sms_method: c.sms_method,
    sms_url: c.sms_url,
    status_callback: c.status_callback,
    status_callback_method: c.status_callback_method,
    trunk_sid: c.trunk_sid,
    uri: incomingNumberUri(n),
    voice_receive_mode: c.voice_receive_mode,
    voice_application_sid: c.voice_application_sid,
    voice_caller_id_lookup: c.voice_caller_id_lookup,
    voice_fallback_method: c.voice_fallback_method,
    voice_fallback_url: c.voice_fallback_url,
    voice_method: c.voice_method,
    voice_url: c.voice_url,
    emergency_status: c.emergency_status,
    emergency_address_sid: c.emergency_address_sid,
    emergency_address_status: 'unregistered',
    bundle_sid: c.bundle_sid,
    status: 'in-use',
  };
  return withType ? { ...body, type: TYPE_NAMES[n.type] } : body;
}
