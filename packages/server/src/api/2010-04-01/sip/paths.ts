/** The root of an account's SIP resources, as Twilio's `uri` fields write it (without version and suffix). */
export const sipPath = (accountSid: string): string => `/Accounts/${accountSid}/SIP`;

/** A relative URI as Twilio's responses give it: version prefix and `.json` suffix. */
export const uri = (path: string): string => `/2010-04-01${path}.json`;

/** Twilio's code for a resource that already exists: a taken domain name, a username, a mapping. */
export const ALREADY_EXISTS = 20409;
