import { invalidParameter } from '../../../../errors/twilio-error.ts';
import { one, type Params } from '../../../../http/params.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIpv4 = (value: string): boolean => IPV4.test(value);

/** An IPv4 address in dotted decimal notation (Twilio accepts no IPv6 here). */
export function readIpAddress(form: Params, required: boolean): string | undefined {
  const value = one(form, 'IpAddress');
  if (value === undefined || value === '') {
    if (required) throw invalidParameter('IpAddress is required: an IPv4 address such as 203.0.113.10.');
    return undefined;
  }
  if (!isIpv4(value)) throw invalidParameter(`IpAddress '${value}' is not an IPv4 address in dotted decimal notation, such as 203.0.113.10.`);
  return value;
}

/** How many leading bits of the address must match: 0 to 32, 32 (the address alone) by default. */
export function readCidrPrefixLength(form: Params): number | undefined {
  const value = one(form, 'CidrPrefixLength');
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,2}$/.test(value) || Number(value) > 32) throw invalidParameter(`CidrPrefixLength must be a whole number from 0 to 32; got '${value}'.`);
  return Number(value);
}
