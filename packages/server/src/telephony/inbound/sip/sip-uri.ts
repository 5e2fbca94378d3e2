/** The user and host of `sip:user@host[:port][;params]`; null when the value is not such a URI. */
export function parseSipUri(value: string): { user: string; host: string } | null {
  const match = /^sips?:([^@\s;]+)@([A-Za-z0-9.-]+)(?::\d{1,5})?(?:;\S*)?$/.exec(value);
  return match ? { user: match[1]!, host: match[2]!.toLowerCase() } : null;
}

/**
 * The domain a SIP host names: Twilio's regional edges (`example.sip.us1.twilio.com`) reach the
 * same domain as `example.sip.twilio.com`.
 */
export const domainNameOf = (host: string): string => host.replace(/\.sip\.[a-z0-9-]+\.twilio\.com$/, '.sip.twilio.com');
