import { createHmac } from 'node:crypto';

/** A JWT from the exact header and payload bytes given, signed HS256, independently of the library. */
export function signRaw(headerJson: string, payloadJson: string, key: string): string {
  const input = `${Buffer.from(headerJson).toString('base64url')}.${Buffer.from(payloadJson).toString('base64url')}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}
