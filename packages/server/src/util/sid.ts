import { randomBytes } from 'node:crypto';

/** Every SID is a two-letter prefix and 32 lowercase hex digits. */
export const newSid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

const SID_BODY = /^[0-9a-fA-F]{32}$/;

export const isSid = (prefix: string, value: string): boolean =>
  value.length === 34 && value.startsWith(prefix) && SID_BODY.test(value.slice(2));

export const newAuthToken = (): string => randomBytes(16).toString('hex');
